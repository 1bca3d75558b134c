package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** Reductions of a whole tensor to one number. */
final class ReduceOps {

    private static final KernelOps K = Kernels.ops();

    private ReduceOps() {}

    static Tensor sum(Tensor x) {
        return scaledSum(x, 1f);
    }

    static Tensor mean(Tensor x) {
        if (x.size == 0) throw new IllegalArgumentException("mean of an empty tensor");
        return scaledSum(x, 1f / x.size);
    }

    /** alpha · Σx; every element receives alpha times the upstream gradient. */
    private static Tensor scaledSum(Tensor x, float alpha) {
        Tensor out = Tensor.scalar(K.sum(x.data, x.offset, x.size) * alpha);
        return Autograd.record(out, () -> K.addScalar(x.gradArray(), 0, alpha * out.grad[0], x.size), x);
    }
}
