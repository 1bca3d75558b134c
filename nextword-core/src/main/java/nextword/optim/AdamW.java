package nextword.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.tensor.Tensor;

/**
 * Adam with decoupled weight decay, PyTorch's torch.optim.AdamW: per parameter, p −= lr·wd·p, then
 * p −= lr · m̂ / (√v̂ + eps) with bias-corrected moving averages m̂, v̂ of the gradient and its square.
 * Each parameter counts its own steps, so one that sat out some steps is corrected as PyTorch does.
 */
public final class AdamW extends Optimizer {

    private static final KernelOps K = Kernels.ops();

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final Map<Tensor, State> state = new IdentityHashMap<>();

    /** The moving averages of one parameter, and its step count. */
    private static final class State {
        final float[] m;
        final float[] v;
        int step;

        State(int n) {
            m = new float[n];
            v = new float[n];
        }
    }

    public AdamW(List<ParamGroup> groups, float learningRate, float beta1, float beta2, float eps) {
        super(groups, learningRate);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= betas < 1 and eps > 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** One group with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public AdamW(List<Tensor> params, float learningRate, float weightDecay) {
        this(List.of(new ParamGroup(params, weightDecay)), learningRate, 0.9f, 0.999f, 1e-8f);
    }

    @Override
    public void step() {
        float lr = learningRate();
        for (ParamGroup g : groups) {
            for (Tensor p : g.params()) {
                if (p.grad() == null) continue;
                State s = state.computeIfAbsent(p, t -> new State(t.size()));
                s.step++;
                K.adamw(p.data(), p.grad(), s.m, s.v, 0, p.size(), lr, beta1, beta2, eps, g.weightDecay(), s.step);
            }
        }
    }
}
