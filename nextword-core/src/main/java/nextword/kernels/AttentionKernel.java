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
 * <p>The scores q_i·k_s are computed for 4L positions s at a time against a transposed copy of K, so the
 * vectors run along s and no dot product needs a horizontal sum. Weighted sums of rows (att·V, and the
 * gradients) run along the head's features with four interleaved accumulators, i.e. four partial sums
 * over s that are added at the end.
 */
final class AttentionKernel {

    /** Per thread: a transposed K or V (hs × padded t), and the backward pass's score gradients (t × t). */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][]);

    private AttentionKernel() {}

    static void forward(float[] qkv, float[] out, float[] att, int b, int t, int c, int nh) {
        forEachHead(qkv, att, b, t, c, nh, (d, h) -> {
            float[] kT = scratch(0, d.hs * d.tp);
            transpose(qkv, h.k0, 3 * c, t, d.hs, kT, d.tp);
            for (int i = 0; i < t; i++) {
                int a = (h.pair * t + i) * t;
                scores(qkv, h.q0 + i * 3 * c, kT, 0, d.tp, d.hs, i + 1, d.scale, att, a);
                Softmax.softmax(att, a, i + 1);
                Arrays.fill(att, a + i + 1, a + t, 0f);
                weightedRows(att, a, 1, qkv, h.v0, 3 * c, i + 1, d.hs, out, h.o0 + i * c, false);
            }
        });
    }

    static void backward(float[] dout, float[] qkv, float[] att, float[] dqkv, int b, int t, int c, int nh) {
        forEachHead(qkv, att, b, t, c, nh, (d, h) -> {
            float[] vT = scratch(0, d.hs * d.tp);
            float[] dpre = scratch(1, t * d.tp); // gradient of the pre-softmax scores, row i at i·tp
            int tp = d.tp, hs = d.hs;
            transpose(qkv, h.v0, 3 * c, t, hs, vT, tp);
            for (int i = 0; i < t; i++) {
                int a = (h.pair * t + i) * t;
                int di = i * tp;
                // datt[s] = dout_i · v_s, then through the softmax: dpre = att·(datt − Σ att·datt)·scale
                scores(dout, h.o0 + i * c, vT, 0, tp, hs, i + 1, 1f, dpre, di);
                float weighted = VectorLoops.dot1(att, a, dpre, di, i + 1);
                softmaxGradient(att, a, dpre, di, i + 1, weighted, d.scale);
                // dq_i += Σ_s dpre[i,s]·k_s
                weightedRows(dpre, di, 1, qkv, h.k0, 3 * c, i + 1, hs, dqkv, h.q0 + i * 3 * c, true);
            }
            for (int s = 0; s < t; s++) {
                // dv_s += Σ_{i≥s} att[i,s]·dout_i and dk_s += Σ_{i≥s} dpre[i,s]·q_i: columns of att and dpre
                int a = (h.pair * t + s) * t + s;
                weightedRows(att, a, t, dout, h.o0 + s * c, c, t - s, hs, dqkv, h.v0 + s * 3 * c, true);
                weightedRows(dpre, s * tp + s, tp, qkv, h.q0 + s * 3 * c, 3 * c, t - s, hs, dqkv, h.k0 + s * 3 * c, true);
            }
        });
    }

    /** Sizes shared by every head: head size, t padded for score groups, and the score scale 1/√hs. */
    private record Dims(int hs, int tp, float scale) {}

    /** One (sequence, head) pair: its index and where its q, k, v (in qkv) and its output row (in out) start. */
    private record Head(int pair, int q0, int k0, int v0, int o0) {}

    private interface HeadBody {
        void run(Dims d, Head h);
    }

    /** Checks the shapes, then runs body for every (sequence, head) pair, the pairs in parallel. */
    private static void forEachHead(float[] qkv, float[] att, int b, int t, int c, int nh, HeadBody body) {
        checkShape(qkv, att, b, t, c, nh);
        int hs = c / nh;
        Dims d = new Dims(hs, paddedLength(t), (float) (1.0 / Math.sqrt(hs)));
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

    /** t rounded up to whole groups of four vectors, so score groups never read past a transposed row. */
    private static int paddedLength(int t) {
        return (t + 4 * L - 1) / (4 * L) * (4 * L);
    }

    /** dst[d·tp + s] = src[so + s·stride + d] for s < t, d < hs; zeros in the padding. */
    private static void transpose(float[] src, int so, int stride, int t, int hs, float[] dst, int tp) {
        for (int s = 0; s < t; s++) {
            int o = so + s * stride;
            for (int d = 0; d < hs; d++) dst[d * tp + s] = src[o + d];
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

    /** g[go + s] ← att[a + s] · (g[go + s] − weighted) · scale for s < count. */
    private static void softmaxGradient(float[] att, int a, float[] g, int go, int count, float weighted, float scale) {
        for (int s = 0; s < count; s += L) {
            VectorMask<Float> m = F.indexInRange(s, count);
            FloatVector.fromArray(F, att, a + s, m).mul(FloatVector.fromArray(F, g, go + s, m).sub(weighted)).mul(scale)
                    .intoArray(g, go + s, m);
        }
    }

    /**
     * out[oo + d] (+)= Σ_{s<count} w[wo + s·ws] · rows[ro + s·rs + d] for d < hs: a weighted sum of rows, with four
     * accumulators taking every fourth s.
     */
    static void weightedRows(float[] w, int wo, int ws, float[] rows, int ro, int rs, int count, int hs,
                                     float[] out, int oo, boolean accumulate) {
        for (int d = 0; d < hs; d += L) {
            VectorMask<Float> m = F.indexInRange(d, hs);
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            int s = 0;
            for (; s + 4 <= count; s += 4) {
                int r = ro + s * rs + d;
                int wi = wo + s * ws;
                a0 = FloatVector.fromArray(F, rows, r, m).fma(FloatVector.broadcast(F, w[wi]), a0);
                a1 = FloatVector.fromArray(F, rows, r + rs, m).fma(FloatVector.broadcast(F, w[wi + ws]), a1);
                a2 = FloatVector.fromArray(F, rows, r + 2 * rs, m).fma(FloatVector.broadcast(F, w[wi + 2 * ws]), a2);
                a3 = FloatVector.fromArray(F, rows, r + 3 * rs, m).fma(FloatVector.broadcast(F, w[wi + 3 * ws]), a3);
            }
            for (; s < count; s++) a0 = FloatVector.fromArray(F, rows, ro + s * rs + d, m).fma(FloatVector.broadcast(F, w[wo + s * ws]), a0);
            FloatVector sum = a0.add(a1).add(a2.add(a3));
            if (accumulate) sum = sum.add(FloatVector.fromArray(F, out, oo + d, m));
            sum.intoArray(out, oo + d, m);
        }
    }

    private static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot] == null || s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }
}
