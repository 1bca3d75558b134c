package nextword.train;

import nextword.io.NamedTensor;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.model.GptWeights;

/** The length of the whole gradient seen as one vector, and clipping it to a limit. */
public final class GradientNorm {

    /** Partial sums of squares stay short so float rounding cannot build up; blocks add up in double. */
    private static final int BLOCK = 4096;

    private GradientNorm() {}

    /** √(Σ g²) over every tensor. */
    public static double of(GptWeights grads) {
        KernelOps ops = Kernels.ops();
        double sum = 0;
        for (NamedTensor t : grads.tensors()) {
            float[] g = t.data();
            for (int i = 0; i < g.length; i += BLOCK) {
                int n = Math.min(BLOCK, g.length - i);
                sum += ops.dot(g, i, g, i, n);
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales grads so their norm is at most maxNorm, as PyTorch's clip_grad_norm_ does (by
     * maxNorm / (norm + 1e-6) when the norm exceeds it), and returns the norm before clipping.
     */
    public static double clip(GptWeights grads, double maxNorm) {
        double norm = of(grads);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            KernelOps ops = Kernels.ops();
            for (NamedTensor t : grads.tensors()) ops.scale(t.data(), 0, scale, t.data().length);
        }
        return norm;
    }
}
