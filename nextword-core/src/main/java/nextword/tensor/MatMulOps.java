package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * Matrix products. Each uses the three kernel forms: C = A·B forward, and for the gradients
 * dA = dC·Bᵀ (matmulTransB) and dB = Aᵀ·dC (matmulTransA), accumulating.
 */
final class MatMulOps {

    private static final KernelOps K = Kernels.ops();

    private MatMulOps() {}

    /** (…, M, K) · (K, N), or batched (…, M, K) · (…, K, N). */
    static Tensor matmul(Tensor a, Tensor b) {
        Shapes.requireRank(a, 2, "matmul");
        Shapes.requireRank(b, 2, "matmul");
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        boolean shared = b.rank() == 2;
        boolean batchedOk = b.rank() == a.rank() && java.util.Arrays.equals(a.shape, 0, a.rank() - 2, b.shape, 0, b.rank() - 2);
        if (b.dim(-2) != k || !(shared || batchedOk)) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + " do not multiply");
        }
        // A shared right operand lets all leading dimensions fold into M: one big product instead of many.
        int batches = shared ? 1 : a.size / Math.max(1, m * k);
        int rows = shared ? a.size / Math.max(1, k) : m;
        Tensor out = Tensor.zeros(Shapes.withLast(a.shape, n));
        for (int i = 0; i < batches; i++) {
            K.matmul(a.data, a.offset + i * rows * k, b.data, b.offset + (shared ? 0 : i * k * n), out.data, i * rows * n, rows, k, n, false);
        }
        return Autograd.record(out, () -> {
            for (int i = 0; i < batches; i++) {
                int ao = i * rows * k;
                int bo = shared ? 0 : i * k * n;
                int co = i * rows * n;
                if (a.requiresGrad) K.matmulTransB(out.grad, co, b.data, b.offset + bo, a.gradArray(), ao, rows, n, k, true);
                if (b.requiresGrad) K.matmulTransA(a.data, a.offset + ao, out.grad, co, b.gradArray(), bo, k, rows, n, true);
            }
        }, a, b);
    }

    /** (…, in) → (…, out) through a weight in the given layout, plus an optional (out) bias. */
    static Tensor linear(Tensor x, Tensor w, Tensor bias, WeightLayout layout) {
        Shapes.requireRank(x, 1, "linear");
        Shapes.requireRank(w, 2, "linear weight");
        int in = Shapes.last(x.shape);
        boolean outIn = layout == WeightLayout.OUT_IN;
        int out = outIn ? w.shape[0] : w.shape[1];
        if ((outIn ? w.shape[1] : w.shape[0]) != in) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(x.shape) + " does not fit weight "
                    + Shapes.str(w.shape) + " stored " + layout);
        }
        if (bias != null) Shapes.requireShape(bias, new int[] {out}, "linear bias");
        int rows = x.size / Math.max(1, in);
        Tensor y = Tensor.zeros(Shapes.withLast(x.shape, out));
        // Start each row from the bias and let the product accumulate onto it: no separate pass.
        if (bias != null) for (int r = 0; r < rows; r++) System.arraycopy(bias.data, bias.offset, y.data, r * out, out);
        if (outIn) K.matmulTransB(x.data, x.offset, w.data, w.offset, y.data, 0, rows, in, out, bias != null);
        else K.matmul(x.data, x.offset, w.data, w.offset, y.data, 0, rows, in, out, bias != null);
        return Autograd.record(y, () -> {
            if (x.requiresGrad) {
                if (outIn) K.matmul(y.grad, 0, w.data, w.offset, x.gradArray(), 0, rows, out, in, true);
                else K.matmulTransB(y.grad, 0, w.data, w.offset, x.gradArray(), 0, rows, out, in, true);
            }
            if (w.requiresGrad) {
                if (outIn) K.matmulTransA(y.grad, 0, x.data, x.offset, w.gradArray(), 0, out, rows, in, true);
                else K.matmulTransA(x.data, x.offset, y.grad, 0, w.gradArray(), 0, in, rows, out, true);
            }
            if (bias != null && bias.requiresGrad) PointwiseOps.sumRowsInto(y.grad, 1f, bias.gradArray(), out, y.size);
        }, x, w, bias);
    }
}
