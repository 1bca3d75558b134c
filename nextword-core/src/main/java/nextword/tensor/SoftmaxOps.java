package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** Softmax and log-softmax over the last dimension, row by row. */
final class SoftmaxOps {

    private static final KernelOps K = Kernels.ops();

    private SoftmaxOps() {}

    static Tensor softmax(Tensor x) {
        Shapes.requireRank(x, 1, "softmax");
        int n = Shapes.last(x.shape);
        Tensor out = PointwiseOps.copyOf(x);
        for (int o = 0; o < x.size; o += n) K.softmax(out.data, o, n);
        return Autograd.record(out, () -> {
            for (int o = 0; o < x.size; o += n) K.softmaxBackward(out.data, o, out.grad, o, x.gradArray(), o, n);
        }, x);
    }

    static Tensor logSoftmax(Tensor x) {
        Shapes.requireRank(x, 1, "logSoftmax");
        int n = Shapes.last(x.shape);
        Tensor out = Tensor.zeros(x.shape);
        for (int o = 0; o < x.size; o += n) K.logSoftmax(x.data, x.offset + o, out.data, o, n);
        return Autograd.record(out, () -> {
            for (int o = 0; o < x.size; o += n) K.logSoftmaxBackward(out.data, o, out.grad, o, x.gradArray(), o, n);
        }, x);
    }
}
