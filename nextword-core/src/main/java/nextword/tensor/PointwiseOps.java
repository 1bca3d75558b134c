package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * Element-wise operations and their gradients. Binary ones take b either in a's shape or as a vector over
 * a's last dimension (a bias, a gain), which is then repeated on every row.
 */
final class PointwiseOps {

    private static final KernelOps K = Kernels.ops();

    private PointwiseOps() {}

    /** A kernel out = f(x) over n elements. */
    @FunctionalInterface
    private interface Forward {
        void run(float[] x, int xo, float[] out, int oo, int n);
    }

    /** A kernel dx += f'(saved) · dout, where saved is the forward's input or output. */
    @FunctionalInterface
    private interface Backward {
        void run(float[] saved, int so, float[] dout, int doo, float[] dx, int dxo, int n);
    }

    static Tensor relu(Tensor x) {
        return unary(x, K::relu, K::reluBackward, false);
    }

    static Tensor gelu(Tensor x) {
        return unary(x, K::gelu, K::geluBackward, false);
    }

    static Tensor tanh(Tensor x) {
        return unary(x, K::tanh, K::tanhBackward, true);
    }

    static Tensor sigmoid(Tensor x) {
        return unary(x, K::sigmoid, K::sigmoidBackward, true);
    }

    /** out = f(x); the backward reads x, or out when the derivative is cheapest from the output. */
    private static Tensor unary(Tensor x, Forward f, Backward df, boolean fromOutput) {
        Tensor out = Tensor.zeros(x.shape);
        f.run(x.data, x.offset, out.data, 0, x.size);
        return Autograd.record(out, () -> {
            if (fromOutput) df.run(out.data, 0, out.grad, 0, x.gradArray(), 0, x.size);
            else df.run(x.data, x.offset, out.grad, 0, x.gradArray(), 0, x.size);
        }, x);
    }

    static Tensor scale(Tensor x, float alpha) {
        Tensor out = copyOf(x);
        K.scale(out.data, 0, alpha, out.size);
        return Autograd.record(out, () -> K.axpy(alpha, out.grad, 0, x.gradArray(), 0, x.size), x);
    }

    static Tensor add(Tensor a, Tensor b) {
        int n = rowWidth(a, b, "add");
        Tensor out = Tensor.zeros(a.shape);
        for (int o = 0; o < a.size; o += n) K.add(a.data, a.offset + o, b.data, b.offset + o % b.size, out.data, o, n);
        return Autograd.record(out, () -> {
            if (a.requiresGrad) K.axpy(1f, out.grad, 0, a.gradArray(), 0, a.size);
            if (b.requiresGrad) sumRowsInto(out.grad, 1f, b.gradArray(), b.size, a.size);
        }, a, b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        int n = rowWidth(a, b, "sub");
        Tensor out = copyOf(a);
        for (int o = 0; o < a.size; o += n) K.axpy(-1f, b.data, b.offset + o % b.size, out.data, o, n);
        return Autograd.record(out, () -> {
            if (a.requiresGrad) K.axpy(1f, out.grad, 0, a.gradArray(), 0, a.size);
            if (b.requiresGrad) sumRowsInto(out.grad, -1f, b.gradArray(), b.size, a.size);
        }, a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        int n = rowWidth(a, b, "mul");
        Tensor out = Tensor.zeros(a.shape);
        for (int o = 0; o < a.size; o += n) K.mul(a.data, a.offset + o, b.data, b.offset + o % b.size, out.data, o, n);
        return Autograd.record(out, () -> {
            for (int o = 0; o < a.size; o += n) {
                if (a.requiresGrad) K.mulAccumulate(out.grad, o, b.data, b.offset + o % b.size, a.gradArray(), o, n);
                if (b.requiresGrad) K.mulAccumulate(out.grad, o, a.data, a.offset + o, b.gradArray(), o % b.size, n);
            }
        }, a, b);
    }

    /** A dense copy of x, without history. */
    static Tensor copyOf(Tensor x) {
        return Tensor.wrap(x.toArray(), x.shape);
    }

    /** dst(n) += alpha · Σ over the rows of src(total / n, n): how a repeated operand collects its gradient. */
    static void sumRowsInto(float[] src, float alpha, float[] dst, int n, int total) {
        for (int o = 0; o < total; o += n) K.axpy(alpha, src, o, dst, 0, n);
    }

    /** The stride at which b repeats over a: a's size when shapes match, the last dim for a bias. */
    private static int rowWidth(Tensor a, Tensor b, String op) {
        if (java.util.Arrays.equals(a.shape, b.shape)) return Math.max(a.size, 1);
        if (b.rank() == 1 && a.rank() >= 1 && b.shape[0] == Shapes.last(a.shape) && b.size > 0) return b.size;
        throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                + " do not match (b must have a's shape or be a vector over a's last dimension)");
    }
}
