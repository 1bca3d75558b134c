package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Element-wise kernels over long arrays: GELU and its gradient, the residual add, scaling, AdamW.
 *
 * <p>Large arrays are cut into chunks whose boundaries are multiples of {@value #BLOCK} from the start, so an
 * element falls in a vector or in the final tail according to n alone, never according to the thread count.
 */
final class Elementwise {

    /** Chunk boundaries are multiples of this (a multiple of every vector length). */
    private static final int BLOCK = 1024;
    /** Blocks per parallel task at least: below ~16K elements a fork costs more than it saves. */
    private static final int GRAIN = 16;

    private static final float SQRT_2_OVER_PI = ScalarKernels.SQRT_2_OVER_PI;
    private static final float GELU_CUBIC = ScalarKernels.GELU_CUBIC;

    private Elementwise() {}

    /**
     * Whether n elements make one chunk: then callers run their loop directly, creating no lambda, so that
     * decoding (many short vectors per token) allocates nothing. The result is the same either way.
     */
    private static boolean oneChunk(int n) {
        return n <= BLOCK * GRAIN;
    }

    /** Runs body over [0, n) in chunks that start at multiples of BLOCK. */
    static void chunks(int n, Parallel.Range body) {
        Parallel.range((n + BLOCK - 1) / BLOCK, GRAIN, (lo, hi) -> body.run(lo * BLOCK, Math.min(hi * BLOCK, n)));
    }

    /**
     * GELU, tanh form, rewritten with ½(1 + tanh u) = σ(2u): out = x · σ(2u), u = √(2/π)(x + 0.044715x³).
     * One exp and no cancellation; a tail is done with a masked vector, so every element uses one formula.
     */
    static void gelu(float[] x, int xo, float[] out, int oo, int n) {
        if (oneChunk(n)) {
            geluRange(x, xo, out, oo, 0, n);
        } else {
            chunks(n, (from, to) -> geluRange(x, xo, out, oo, from, to));
        }
    }

    private static void geluRange(float[] x, int xo, float[] out, int oo, int from, int to) {
        for (int i = from; i < to; i += L) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector v = FloatVector.fromArray(F, x, xo + i, m);
            v.mul(VectorMath.sigmoid(twoU(v))).intoArray(out, oo + i, m);
        }
    }

    /** dx += gelu'(x) · dout. */
    static void geluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                geluSlope(FloatVector.fromArray(F, x, xo + i, m))
                        .fma(FloatVector.fromArray(F, dout, doo + i, m), FloatVector.fromArray(F, dx, dxo + i, m))
                        .intoArray(dx, dxo + i, m);
            }
        });
    }

    /** d ← gelu'(x) · d. */
    static void geluGradientInPlace(float[] x, int xo, float[] d, int dof, int n) {
        chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                geluSlope(FloatVector.fromArray(F, x, xo + i, m)).mul(FloatVector.fromArray(F, d, dof + i, m)).intoArray(d, dof + i, m);
            }
        });
    }

    /** gelu'(x) = σ + 2x·σ(1−σ)·u', σ = σ(2u), u' = √(2/π)(1 + 3·0.044715x²). */
    private static FloatVector geluSlope(FloatVector v) {
        FloatVector s = VectorMath.sigmoid(twoU(v));
        FloatVector du = v.mul(v).fma(SQRT_2_OVER_PI * 3f * GELU_CUBIC, SQRT_2_OVER_PI);
        return v.add(v).mul(s).mul(s.neg().add(1f)).fma(du, s);
    }

    /** 2u = 2·√(2/π)·x·(1 + 0.044715x²). */
    private static FloatVector twoU(FloatVector v) {
        return v.mul(v).fma(GELU_CUBIC, 1f).mul(v).mul(2f * SQRT_2_OVER_PI);
    }

    static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (oneChunk(n)) {
            addRange(a, ao, b, bo, out, oo, 0, n);
        } else {
            chunks(n, (from, to) -> addRange(a, ao, b, bo, out, oo, from, to));
        }
    }

    /** out[oo + i] = a[ao + i] + b[bo + i] for i in [from, to), on this thread. */
    static void addRange(float[] a, int ao, float[] b, int bo, float[] out, int oo, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) VectorLoops.load(a, ao + i).add(VectorLoops.load(b, bo + i)).intoArray(out, oo + i);
        for (; i < to; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    static void scale(float[] x, int xo, float alpha, int n) {
        chunks(n, (from, to) -> {
            int i = from;
            for (; i + L <= to; i += L) VectorLoops.load(x, xo + i).mul(alpha).intoArray(x, xo + i);
            for (; i < to; i++) x[xo + i] *= alpha;
        });
    }

    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        chunks(n, (from, to) -> VectorLoops.fma1(alpha, x, xo, y, yo, from, to));
    }

    /** AdamW, the same operations in the same order as the scalar form, so every element rounds alike. */
    static void adamw(float[] p, float[] g, float[] m, float[] v, int offset, int n,
                      float lr, float b1, float b2, float eps, float wd, int t) {
        float c1 = 1f - (float) Math.pow(b1, t);
        float c2 = 1f - (float) Math.pow(b2, t);
        float decay = lr * wd;
        chunks(n, (from, to) -> {
            int i = offset + from;
            int end = offset + to;
            for (; i + L <= end; i += L) {
                FloatVector pv = VectorLoops.load(p, i);
                FloatVector gv = VectorLoops.load(g, i);
                pv = pv.sub(pv.mul(decay));
                FloatVector mv = VectorLoops.load(m, i).mul(b1).add(gv.mul(1f - b1));
                FloatVector vv = VectorLoops.load(v, i).mul(b2).add(gv.mul(1f - b2).mul(gv));
                FloatVector step = mv.div(c1).mul(lr).div(vv.div(c2).sqrt().add(eps));
                pv.sub(step).intoArray(p, i);
                mv.intoArray(m, i);
                vv.intoArray(v, i);
            }
            for (; i < end; i++) {
                p[i] -= decay * p[i];
                m[i] = b1 * m[i] + (1f - b1) * g[i];
                v[i] = b2 * v[i] + (1f - b2) * g[i] * g[i];
                p[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
            }
        });
    }
}
