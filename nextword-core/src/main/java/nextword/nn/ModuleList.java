package nextword.nn;

import java.util.List;

/** Modules kept in a list and named by position ("h.0", "h.1", …), like a transformer's stack of blocks. */
public final class ModuleList<M extends Module> extends Module {

    private final List<M> modules;

    public ModuleList(List<M> modules) {
        this.modules = List.copyOf(modules);
        for (int i = 0; i < this.modules.size(); i++) child(Integer.toString(i), this.modules.get(i));
    }

    public M get(int i) {
        return modules.get(i);
    }

    public int size() {
        return modules.size();
    }

    public List<M> modules() {
        return modules;
    }
}
