package nextword.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.tensor.Tensor;

/**
 * Stochastic gradient descent, PyTorch's torch.optim.SGD: d = g + wd·p (weight decay as an L2 term),
 * with momentum a velocity b = μ·b + d (b = d on the first step), and p −= lr·b (or lr·d without momentum).
 */
public final class SGD extends Optimizer {

    private static final KernelOps K = Kernels.ops();

    private final float momentum;
    private final Map<Tensor, float[]> velocity = new IdentityHashMap<>();

    public SGD(List<ParamGroup> groups, float learningRate, float momentum) {
        super(groups, learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        this.momentum = momentum;
    }

    /** Plain SGD: no momentum, no decay. */
    public SGD(List<Tensor> params, float learningRate) {
        this(List.of(new ParamGroup(params, 0f)), learningRate, 0f);
    }

    @Override
    public void step() {
        float lr = learningRate();
        for (ParamGroup group : groups) {
            float wd = group.weightDecay();
            for (Tensor p : group.params()) {
                float[] g = p.grad();
                if (g == null) continue;
                float[] w = p.data();
                int n = p.size();
                if (momentum == 0f) {
                    // p − lr·(g + wd·p), in the order that needs no scratch array
                    K.scale(w, 0, 1f - lr * wd, n);
                    K.axpy(-lr, g, 0, w, 0, n);
                    continue;
                }
                float[] b = velocity.get(p);
                if (b == null) {
                    b = g.clone();
                    velocity.put(p, b);
                } else {
                    K.scale(b, 0, momentum, n);
                    K.axpy(1f, g, 0, b, 0, n);
                }
                K.axpy(wd, w, 0, b, 0, n);
                K.axpy(-lr, b, 0, w, 0, n);
            }
        }
    }
}
