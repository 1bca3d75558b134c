package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The element-wise and per-row kernels autograd added to {@link KernelOps} ({@link ScalarPointwise} is their
 * specification). Where the spec is a single rounding per operation, the vector form does the same
 * operations in the same order, so it gives the same bits; tails are masked vectors of the same formula.
 */
final class Pointwise {

    private Pointwise() {}

    static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                FloatVector.fromArray(F, a, ao + i, m).mul(FloatVector.fromArray(F, b, bo + i, m)).intoArray(out, oo + i, m);
            }
        });
    }

    static void mulAccumulate(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                FloatVector p = FloatVector.fromArray(F, a, ao + i, m).mul(FloatVector.fromArray(F, b, bo + i, m));
                FloatVector.fromArray(F, out, oo + i, m).add(p).intoArray(out, oo + i, m);
            }
        });
    }

    static void addScalar(float[] x, int xo, float alpha, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                FloatVector.fromArray(F, x, xo + i, m).add(alpha).intoArray(x, xo + i, m);
            }
        });
    }

    static void relu(float[] x, int xo, float[] out, int oo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                FloatVector.fromArray(F, x, xo + i, m).max(0f).intoArray(out, oo + i, m);
            }
        });
    }

    static void reluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                VectorMask<Float> positive = FloatVector.fromArray(F, x, xo + i, m).compare(VectorOperators.GT, 0f).and(m);
                FloatVector.fromArray(F, dx, dxo + i, m).add(FloatVector.fromArray(F, dout, doo + i, m), positive)
                        .intoArray(dx, dxo + i, m);
            }
        });
    }

    static void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                VectorMath.sigmoid(FloatVector.fromArray(F, x, xo + i, m)).intoArray(out, oo + i, m);
            }
        });
    }

    /** dx += y(1 − y)·dout when {@code sigmoid}, else dx += (1 − y²)·dout (tanh): both from the forward's output. */
    static void activationBackward(boolean sigmoid, float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(F, y, yo + i, m);
                FloatVector slope = sigmoid ? v.mul(v.neg().add(1f)) : v.mul(v).neg().add(1f);
                FloatVector.fromArray(F, dx, dxo + i, m).add(slope.mul(FloatVector.fromArray(F, dout, doo + i, m)))
                        .intoArray(dx, dxo + i, m);
            }
        });
    }

    /** One row: dx += y ⊙ (dy − Σ y·dy). */
    static void softmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        float weighted = VectorLoops.dot(y, yo, dy, dyo, n);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector g = FloatVector.fromArray(F, y, yo + i, m).mul(FloatVector.fromArray(F, dy, dyo + i, m).sub(weighted));
            FloatVector.fromArray(F, dx, dxo + i, m).add(g).intoArray(dx, dxo + i, m);
        }
    }

    /** One row: dx += dy − e^y · Σ dy. */
    static void logSoftmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        float total = VectorLoops.sum(dy, dyo, n);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, y, yo + i, m)).mul(total);
            FloatVector g = FloatVector.fromArray(F, dy, dyo + i, m).sub(e);
            FloatVector.fromArray(F, dx, dxo + i, m).add(g).intoArray(dx, dxo + i, m);
        }
    }

    /** out(cols, rows) = a(rows, cols)ᵀ, in 16 × 16 register blocks where the vectors are 512-bit; bands of 16 rows in parallel. */
    static void transpose(float[] a, int ao, float[] out, int oo, int rows, int cols) {
        java.util.Objects.checkFromIndexSize(ao, Math.multiplyExact(rows, cols), a.length);
        java.util.Objects.checkFromIndexSize(oo, Math.multiplyExact(rows, cols), out.length);
        Parallel.range((rows + 15) / 16, Math.max(1, 4096 / Math.max(1, 16 * cols)), (lo, hi) -> {
            for (int r0 = lo * 16; r0 < Math.min(hi * 16, rows); r0 += 16) {
                int c0 = 0;
                if (Transpose16.USABLE && r0 + 16 <= rows) {
                    for (; c0 + 16 <= cols; c0 += 16) Transpose16.block(a, ao + r0 * cols + c0, cols, out, oo + c0 * rows + r0, rows);
                }
                for (int r = r0; r < Math.min(r0 + 16, rows); r++) {
                    for (int c = c0; c < cols; c++) out[oo + c * rows + r] = a[ao + r * cols + c];
                }
            }
        });
    }
}
