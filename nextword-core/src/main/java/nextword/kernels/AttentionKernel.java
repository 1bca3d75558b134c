package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Causal multi-head attention, forward and backward, one (batch, head) pair per task: the pairs read and
 * write disjoint slices, so they run in parallel with no sharing, in an order that cannot change the sums.
 *
 * <p>Each head is a handful of small matrix products done four query rows at a time ({@link HeadProduct}):
 * S = Q·Kᵀ/√d only up to the block's last row (the causal mask skips the rest), softmax in place, then
 * Y = P·V. Backward: dP = dY·Vᵀ, dS = P∘(dP − rowsum(P∘dP))/√d, dQ = dS·K, dV = Pᵀ·dY, dK = dSᵀ·Q. A
 * right-hand operand (Kᵀ, V; in the backward Vᵀ, K, Q, dY) is first copied out of the strided qkv into
 * contiguous rows padded to whole vectors; a left-hand one is read where it lies.
 *
 * <p>{@link #scores} and {@link #weightedRows} are the one-query loops of attention over a KV cache
 * ({@link PanamaInferenceKernels}).
 */
final class AttentionKernel {

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Query rows per block: {@link HeadProduct}'s tile height. */
    private static final int BLOCK = 4;

    private AttentionKernel() {}

    static void forward(float[] qkv, float[] out, float[] att, int b, int t, int c, int nh) {
        forEachHead(qkv, att, b, t, c, nh, (d, h) -> {
            int hs = d.hs, hsp = d.hsp, tp = d.tp, a0 = h.pair * t * t;
            Workspace w = Workspace.load(qkv, c, t, d, h.k0, h.v0);
            float[] kT = w.transposed, v = w.packed, s = w.scores;
            // when the head's width is whole vectors, Y's tiles are exactly its columns of out: store them there
            boolean direct = hsp == hs;
            float[] y = direct ? out : w.result;
            int y0 = direct ? h.o0 : 0, ldy = direct ? c : hsp;
            for (int i0 = 0; i0 < t; i0 += BLOCK) {
                int rows = Math.min(BLOCK, t - i0);
                // S = Q·Kᵀ/√d for the block's rows (read in place), up to its last row's position: the rest is masked
                HeadProduct.rowBlock(qkv, h.q0 + i0 * 3 * c, 3 * c, 1, rows, kT, 0, tp, hs, s, i0 * tp, tp,
                        roundUp(i0 + rows, 4 * L), d.scale);
                for (int i = i0; i < i0 + rows; i++) {
                    int a = a0 + i * t;
                    System.arraycopy(s, i * tp, att, a, i + 1);
                    Softmax.softmax(att, a, i + 1);
                    Arrays.fill(att, a + i + 1, a + t, 0f);
                }
                // Y = P·V: P is zero past the diagonal, so k stops at the block's last row
                HeadProduct.rowBlock(att, a0 + i0 * t, t, 1, rows, v, 0, hsp, i0 + rows, y, y0 + i0 * ldy, ldy, hsp, 1f);
            }
            if (!direct) unpack(y, hsp, t, hs, out, h.o0, c, false);
        });
    }

    static void backward(float[] dout, float[] qkv, float[] att, float[] dqkv, int b, int t, int c, int nh) {
        forEachHead(qkv, att, b, t, c, nh, (d, h) -> {
            int hs = d.hs, hsp = d.hsp, tp = d.tp, a0 = h.pair * t * t;
            Workspace w = Workspace.load(qkv, c, t, d, h.v0, h.k0);
            float[] vT = w.transposed, q = w.queries, k = w.packed, ds = w.scores, g = w.result, dy = w.outputGradient;
            pack(qkv, h.q0, 3 * c, t, hs, q, hsp);
            pack(dout, h.o0, c, t, hs, dy, hsp);
            for (int i0 = 0; i0 < t; i0 += BLOCK) {
                int rows = Math.min(BLOCK, t - i0);
                // dP = dY·Vᵀ, then through the softmax: dS = P∘(dP − Σ P∘dP)/√d, zero past the diagonal
                HeadProduct.rowBlock(dy, i0 * hsp, hsp, 1, rows, vT, 0, tp, hs, ds, i0 * tp, tp, roundUp(i0 + rows, 4 * L), 1f);
                for (int i = i0; i < i0 + rows; i++) {
                    softmaxGradientRow(att, a0 + i * t, t, ds, i * tp, i + 1, d.scale);
                }
                // dQ = dS·K
                HeadProduct.rowBlock(ds, i0 * tp, tp, 1, rows, k, 0, hsp, i0 + rows, g, i0 * hsp, hsp, hsp, 1f);
            }
            unpack(g, hsp, t, hs, dqkv, h.q0, 3 * c, true);
            // dV = Pᵀ·dY and dK = dSᵀ·Q: row s of each gathers the positions i ≥ s that saw position s
            for (int s0 = 0; s0 < t; s0 += BLOCK) {
                HeadProduct.rowBlock(att, a0 + s0 * t + s0, 1, t, Math.min(BLOCK, t - s0), dy, s0 * hsp, hsp, t - s0,
                        g, s0 * hsp, hsp, hsp, 1f);
            }
            unpack(g, hsp, t, hs, dqkv, h.v0, 3 * c, true);
            for (int s0 = 0; s0 < t; s0 += BLOCK) {
                HeadProduct.rowBlock(ds, s0 * tp + s0, 1, tp, Math.min(BLOCK, t - s0), q, s0 * hsp, hsp, t - s0,
                        g, s0 * hsp, hsp, hsp, 1f);
            }
            unpack(g, hsp, t, hs, dqkv, h.k0, 3 * c, true);
        });
    }

    /**
     * Sizes shared by every head: head size, it padded to whole vectors, t padded to whole score tiles (4L, so
     * that the causal edge of a row block is still a full tile), and the score scale 1/√hs.
     */
    private record Dims(int hs, int hsp, int tp, float scale) {}

    /** One (sequence, head) pair: its index and where its q, k, v (in qkv) and its output row (in out) start. */
    private record Head(int pair, int q0, int k0, int v0, int o0) {}

    private interface HeadBody {
        void run(Dims d, Head h);
    }

    /** Checks the shapes, then runs body for every (sequence, head) pair, the pairs in parallel. */
    private static void forEachHead(float[] qkv, float[] att, int b, int t, int c, int nh, HeadBody body) {
        checkShape(qkv, att, b, t, c, nh);
        int hs = c / nh;
        Dims d = new Dims(hs, roundUp(hs, L), roundUp(t, 4 * L), (float) (1.0 / Math.sqrt(hs)));
        Parallel.range(b * nh, 1, (lo, hi) -> {
            for (int pair = lo; pair < hi; pair++) {
                int bi = pair / nh;
                int h = pair % nh;
                int q0 = bi * t * 3 * c + h * hs;
                body.run(d, new Head(pair, q0, q0 + c, q0 + 2 * c, bi * t * c + h * hs));
            }
        });
    }

    private static void checkShape(float[] qkv, float[] att, int b, int t, int c, int nh) {
        if (nh <= 0 || c % nh != 0) throw new IllegalArgumentException("attention: c=" + c + " is not a multiple of nh=" + nh);
        java.util.Objects.checkFromIndexSize(0, Math.multiplyExact(Math.multiplyExact(b, t), 3 * c), qkv.length);
        java.util.Objects.checkFromIndexSize(0, Math.multiplyExact(Math.multiplyExact(b * nh, t), t), att.length);
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** dst[s·hsp + d] = src[so + s·stride + d] for s < t, d < hs; zeros in the padding up to hsp. */
    private static void pack(float[] src, int so, int stride, int t, int hs, float[] dst, int hsp) {
        int full = hs / L * L;
        for (int s = 0; s < t; s++) {
            int o = so + s * stride;
            for (int d = 0; d < full; d += L) VectorLoops.load(src, o + d).intoArray(dst, s * hsp + d);
            if (full < hsp) FloatVector.fromArray(F, src, o + full, F.indexInRange(full, hs)).intoArray(dst, s * hsp + full);
        }
    }

    /** dst[do + s·stride + d] (+)= src[s·hsp + d] for s < t, d < hs. */
    private static void unpack(float[] src, int hsp, int t, int hs, float[] dst, int dof, int stride, boolean accumulate) {
        for (int s = 0; s < t; s++) {
            for (int d = 0; d < hs; d += L) {
                int o = dof + s * stride + d;
                FloatVector x = VectorLoops.load(src, s * hsp + d);
                if (d + L <= hs) {
                    if (accumulate) x = x.add(VectorLoops.load(dst, o));
                    x.intoArray(dst, o);
                } else {
                    VectorMask<Float> m = F.indexInRange(d, hs);
                    if (accumulate) x = x.add(FloatVector.fromArray(F, dst, o, m));
                    x.intoArray(dst, o, m);
                }
            }
        }
    }

    /** dst[d·tp + s] = src[so + s·stride + d] for s < t, d < hs; zeros in the padding. */
    private static void transpose(float[] src, int so, int stride, int t, int hs, float[] dst, int tp) {
        int t16 = Transpose16.USABLE ? t / 16 * 16 : 0;
        int hs16 = Transpose16.USABLE ? hs / 16 * 16 : 0;
        for (int s = 0; s < t16; s += 16) {
            for (int d = 0; d < hs16; d += 16) Transpose16.block(src, so + s * stride + d, stride, dst, d * tp + s, tp);
        }
        for (int s = 0; s < t; s++) {
            int o = so + s * stride;
            for (int d = s < t16 ? hs16 : 0; d < hs; d++) dst[d * tp + s] = src[o + d];
        }
        for (int d = 0; d < hs; d++) Arrays.fill(dst, d * tp + t, d * tp + tp, 0f);
    }

    /**
     * out[oo + s] = scale · Σ_d q[qo + d] · kT[ko + d·tp + s] for s < count, four vectors of s per pass (so kT's
     * rows are read up to count rounded up to 4L).
     */
    static void scores(float[] q, int qo, float[] kT, int ko, int tp, int hs, int count, float scale, float[] out, int oo) {
        for (int s = 0; s < count; s += 4 * L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int d = 0; d < hs; d++) {
                FloatVector qd = FloatVector.broadcast(F, q[qo + d]);
                int k = ko + d * tp + s;
                a0 = VectorLoops.load(kT, k).fma(qd, a0);
                a1 = VectorLoops.load(kT, k + L).fma(qd, a1);
                a2 = VectorLoops.load(kT, k + 2 * L).fma(qd, a2);
                a3 = VectorLoops.load(kT, k + 3 * L).fma(qd, a3);
            }
            a0.mul(scale).intoArray(out, oo + s, F.indexInRange(s, count));
            a1.mul(scale).intoArray(out, oo + s + L, F.indexInRange(s + L, count));
            a2.mul(scale).intoArray(out, oo + s + 2 * L, F.indexInRange(s + 2 * L, count));
            a3.mul(scale).intoArray(out, oo + s + 3 * L, F.indexInRange(s + 3 * L, count));
        }
    }

    /**
     * One row through the softmax: g[go + j] ← att[a + j] · (g[go + j] − Σ att·g) · scale for j &lt; n, and 0 from n
     * to t. att is zero past the diagonal, so whole vectors past n give exactly those zeros; only a vector
     * that would run past att's row (t not a multiple of L) is masked.
     */
    private static void softmaxGradientRow(float[] att, int a, int t, float[] g, int go, int n, float scale) {
        int end = roundUp(n, L);
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < end; j += L) acc = rowVector(att, a, j, t).fma(VectorLoops.load(g, go + j), acc);
        float weighted = VectorLoops.hsum(acc);
        for (int j = 0; j < end; j += L) {
            rowVector(att, a, j, t).mul(VectorLoops.load(g, go + j).sub(weighted)).mul(scale).intoArray(g, go + j);
        }
        Arrays.fill(g, go + Math.min(end, t), go + t, 0f);
    }

    /** x[o + j .. o + j + L), lanes from t on read as 0. */
    private static FloatVector rowVector(float[] x, int o, int j, int t) {
        return j + L <= t ? VectorLoops.load(x, o + j) : FloatVector.fromArray(F, x, o + j, F.indexInRange(j, t));
    }

    /**
     * out[oo + d] = Σ_{s<count} w[wo + s] · rows[ro + s·rs + d] for d &lt; hs: a weighted sum of rows (a query's
     * values). Four vectors of each row are read together, rows in order, so the rows stream once, two rows a
     * step keeping two FMA chains per vector (column strips, one vector at a time over every row, read each of
     * GPT-2's 64-float rows four times); the dimensions past the last four whole vectors go by strips, with four
     * accumulators taking every fourth s.
     */
    static void weightedRows(float[] w, int wo, float[] rows, int ro, int rs, int count, int hs, float[] out, int oo) {
        int d = 0;
        for (; d + 4 * L <= hs; d += 4 * L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            int s = 0;
            for (; s + 2 <= count; s += 2) {
                int r = ro + s * rs + d;
                FloatVector x = FloatVector.broadcast(F, w[wo + s]), y = FloatVector.broadcast(F, w[wo + s + 1]);
                a0 = VectorLoops.load(rows, r).fma(x, a0);
                a1 = VectorLoops.load(rows, r + L).fma(x, a1);
                a2 = VectorLoops.load(rows, r + 2 * L).fma(x, a2);
                a3 = VectorLoops.load(rows, r + 3 * L).fma(x, a3);
                b0 = VectorLoops.load(rows, r + rs).fma(y, b0);
                b1 = VectorLoops.load(rows, r + rs + L).fma(y, b1);
                b2 = VectorLoops.load(rows, r + rs + 2 * L).fma(y, b2);
                b3 = VectorLoops.load(rows, r + rs + 3 * L).fma(y, b3);
            }
            if (s < count) {
                int r = ro + s * rs + d;
                FloatVector x = FloatVector.broadcast(F, w[wo + s]);
                a0 = VectorLoops.load(rows, r).fma(x, a0);
                a1 = VectorLoops.load(rows, r + L).fma(x, a1);
                a2 = VectorLoops.load(rows, r + 2 * L).fma(x, a2);
                a3 = VectorLoops.load(rows, r + 3 * L).fma(x, a3);
            }
            a0.add(b0).intoArray(out, oo + d);
            a1.add(b1).intoArray(out, oo + d + L);
            a2.add(b2).intoArray(out, oo + d + 2 * L);
            a3.add(b3).intoArray(out, oo + d + 3 * L);
        }
        for (; d < hs; d += L) {
            VectorMask<Float> m = F.indexInRange(d, hs);
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            int s = 0;
            for (; s + 4 <= count; s += 4) {
                int r = ro + s * rs + d;
                a0 = FloatVector.fromArray(F, rows, r, m).fma(FloatVector.broadcast(F, w[wo + s]), a0);
                a1 = FloatVector.fromArray(F, rows, r + rs, m).fma(FloatVector.broadcast(F, w[wo + s + 1]), a1);
                a2 = FloatVector.fromArray(F, rows, r + 2 * rs, m).fma(FloatVector.broadcast(F, w[wo + s + 2]), a2);
                a3 = FloatVector.fromArray(F, rows, r + 3 * rs, m).fma(FloatVector.broadcast(F, w[wo + s + 3]), a3);
            }
            for (; s < count; s++) a0 = FloatVector.fromArray(F, rows, ro + s * rs + d, m).fma(FloatVector.broadcast(F, w[wo + s]), a0);
            a0.add(a1).add(a2.add(a3)).intoArray(out, oo + d, m);
        }
    }

    /** A thread's copies of one head: one of K or V transposed (hs × tp), the other packed (t × hsp), and room. */
    private static final class Workspace {
        float[] transposed = new float[0], packed = transposed, scores = transposed, result = transposed;
        float[] queries = transposed, outputGradient = transposed;

        /** This thread's workspace, sized for d and t, holding transposed(qkv at to) and packed(qkv at po). */
        static Workspace load(float[] qkv, int c, int t, Dims d, int to, int po) {
            Workspace w = WORKSPACE.get();
            int rows = t * d.hsp;
            if (w.packed.length < rows || w.scores.length < t * d.tp || w.transposed.length < d.hs * d.tp) {
                w.transposed = new float[d.hs * d.tp];
                w.packed = new float[rows];
                w.scores = new float[t * d.tp];
                w.result = new float[rows];
                w.queries = new float[rows];
                w.outputGradient = new float[rows];
            }
            transpose(qkv, to, 3 * c, t, d.hs, w.transposed, d.tp);
            pack(qkv, po, 3 * c, t, d.hs, w.packed, d.hsp);
            return w;
        }
    }
}
