package nextword.optim;

import java.util.List;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.tensor.Tensor;

/** Gradient clipping by global norm, PyTorch's clip_grad_norm_: one rare huge gradient cannot wreck training. */
public final class GradClip {

    private static final KernelOps K = Kernels.ops();

    private GradClip() {}

    /**
     * The L2 norm of all gradients together; when it exceeds maxNorm every gradient is multiplied by
     * maxNorm / (norm + 1e-6). Returns the norm before clipping (a useful training signal to log).
     */
    public static float clipGradNorm(List<Tensor> params, float maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        double squares = 0;
        for (Tensor p : params) if (p.grad() != null) squares += K.dot(p.grad(), 0, p.grad(), 0, p.size());
        float norm = (float) Math.sqrt(squares);
        float coefficient = (float) (maxNorm / (norm + 1e-6));
        if (coefficient < 1f) {
            for (Tensor p : params) if (p.grad() != null) K.scale(p.grad(), 0, coefficient, p.size());
        }
        return norm;
    }
}
