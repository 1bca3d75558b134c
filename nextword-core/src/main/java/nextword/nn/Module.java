package nextword.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nextword.tensor.Tensor;

/**
 * A piece of a network that owns parameters and sub-modules, each under a name. The names form the dotted
 * paths checkpoints use ("h.0.attn.c_attn.weight"), and registration order fixes the order of
 * {@link #parameters()}, so optimizers and files see the same sequence every run.
 */
public abstract class Module {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    /** Registers a trainable tensor under name (marking it as requiring a gradient) and returns it. */
    protected final Tensor parameter(String name, Tensor value) {
        checkName(name);
        if (value.offset() != 0 || value.data().length != value.size()) {
            throw new IllegalArgumentException("parameter " + name + " must own its data, not be a view");
        }
        parameters.put(name, value.requireGrad());
        return value;
    }

    /** Registers a sub-module under name and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("bad name '" + name + "': names are dot-free");
        if (parameters.containsKey(name) || children.containsKey(name)) throw new IllegalArgumentException("name '" + name + "' is taken");
    }

    /**
     * Every parameter with its dotted path: this module's own first, then each child's, in registration order.
     * A tensor shared by two modules (tied weights) is listed once, under the first name that reaches it.
     */
    public final List<Parameter> namedParameters() {
        List<Parameter> all = new ArrayList<>();
        collect("", all, Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    private void collect(String prefix, List<Parameter> into, Set<Tensor> seen) {
        parameters.forEach((name, t) -> {
            if (seen.add(t)) into.add(new Parameter(prefix + name, t));
        });
        children.forEach((name, m) -> m.collect(prefix + name + ".", into, seen));
    }

    /** The parameters in the order of {@link #namedParameters()}. */
    public final List<Tensor> parameters() {
        return namedParameters().stream().map(Parameter::tensor).toList();
    }

    /** The total number of trainable numbers. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor t : parameters()) n += t.size();
        return n;
    }

    /** Zeroes every parameter's gradient. */
    public final void zeroGrad() {
        for (Tensor t : parameters()) t.zeroGrad();
    }
}
