package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** LayerNorm over the last dimension, forward and backward fused in the kernels. */
final class LayerNormOp {

    private static final KernelOps K = Kernels.ops();

    private LayerNormOp() {}

    static Tensor apply(Tensor x, Tensor gamma, Tensor beta, float eps) {
        Shapes.requireRank(x, 1, "layerNorm");
        int c = Shapes.last(x.shape);
        Shapes.requireShape(gamma, new int[] {c}, "layerNorm gamma");
        Shapes.requireShape(beta, new int[] {c}, "layerNorm beta");
        int rows = x.size / Math.max(1, c);
        float[] xs = x.dense();
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        Tensor out = Tensor.zeros(x.shape);
        K.layerNorm(xs, out.data, mean, rstd, gamma.dense(), beta.dense(), rows, c, eps);
        return Autograd.record(out, () -> {
            // The kernel produces all three gradients at once; inputs that want none get scratch space.
            float[] dx = x.requiresGrad ? x.gradArray() : new float[x.size];
            float[] dgamma = gamma.requiresGrad ? gamma.gradArray() : new float[c];
            float[] dbeta = beta.requiresGrad ? beta.gradArray() : new float[c];
            K.layerNormBackward(out.grad, xs, mean, rstd, gamma.dense(), dx, dgamma, dbeta, rows, c);
        }, x, gamma, beta);
    }
}
