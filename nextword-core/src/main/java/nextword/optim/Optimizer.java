package nextword.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import nextword.tensor.Tensor;

/** Moves parameters against their gradients, one {@link #step()} at a time, at a settable learning rate. */
public abstract class Optimizer {

    protected final List<ParamGroup> groups;
    private float learningRate;

    protected Optimizer(List<ParamGroup> groups, float learningRate) {
        this.groups = List.copyOf(groups);
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : this.groups) {
            for (Tensor p : g.params()) {
                if (!seen.add(p)) throw new IllegalArgumentException("a parameter appears in two groups");
                if (p.offset() != 0 || p.data().length != p.size()) {
                    throw new IllegalArgumentException("optimizers update whole tensors, not views");
                }
            }
        }
        setLearningRate(learningRate);
    }

    /** Updates every parameter that has a gradient; parameters no gradient reached are left alone. */
    public abstract void step();

    public final float learningRate() {
        return learningRate;
    }

    /** Sets the rate for the next steps (a schedule calls this before each step). */
    public final void setLearningRate(float learningRate) {
        if (!(learningRate >= 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Every parameter, group by group. */
    public final List<Tensor> parameters() {
        List<Tensor> all = new ArrayList<>();
        for (ParamGroup g : groups) all.addAll(g.params());
        return all;
    }

    public final void zeroGrad() {
        for (ParamGroup g : groups) for (Tensor p : g.params()) p.zeroGrad();
    }
}
