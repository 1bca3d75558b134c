package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Everything built on exp(x − max): softmax, log-softmax and the fused softmax + cross-entropy loss.
 * Subtracting the row's max first keeps every exponent ≤ 0, so nothing overflows whatever the logits.
 *
 * <p>Each loop over exp is a single masked loop, tail included: a second call site for the tail would not
 * be hot enough for C2 to inline exp there, and an exp that is not inlined boxes every vector it touches.
 */
final class Softmax {

    /** Logits per parallel task at least (a row of GPT-2's 50257 is one task by itself). */
    private static final int GRAIN = 16 * 1024;

    private Softmax() {}

    /** In place: x ← exp(x − max) / Σ exp(x − max). */
    static void softmax(float[] x, int xo, int n) {
        float s = expShiftedInPlace(x, xo, n, VectorLoops.max(x, xo, n));
        FloatVector inv = FloatVector.broadcast(F, 1f / s);
        int i = 0;
        for (; i + L <= n; i += L) VectorLoops.load(x, xo + i).mul(inv).intoArray(x, xo + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xo + i, m).mul(inv).intoArray(x, xo + i, m);
        }
    }

    /** out = x − (max + log Σ exp(x − max)). */
    static void logSoftmax(float[] x, int xo, float[] out, int oo, int n) {
        float logZ = logSumExp(x, xo, n);
        FloatVector z = FloatVector.broadcast(F, logZ);
        int i = 0;
        for (; i + L <= n; i += L) VectorLoops.load(x, xo + i).sub(z).intoArray(out, oo + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xo + i, m).sub(z).intoArray(out, oo + i, m);
        }
    }

    /** Rows in parallel: loss = logZ − x[target]; dlogits = softmax · dscale − onehot · dscale. */
    static void crossEntropy(float[] logits, int[] targets, float[] losses, float[] dlogits, float dscale, int rows, int v) {
        for (int r = 0; r < rows; r++) {
            if (targets[r] >= v) throw new IllegalArgumentException("crossEntropy: target " + targets[r] + " of row " + r + " is outside the " + v + " classes");
        }
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, v)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int o = r * v;
                int t = targets[r];
                if (t < 0) {
                    losses[r] = 0f;
                    if (dlogits != null) Arrays.fill(dlogits, o, o + v, 0f);
                    continue;
                }
                float logZ = logSumExp(logits, o, v);
                losses[r] = logZ - logits[o + t];
                if (dlogits != null) {
                    FloatVector z = FloatVector.broadcast(F, logZ);
                    for (int i = 0; i < v; i += L) {
                        VectorMask<Float> m = F.indexInRange(i, v);
                        VectorMath.exp(FloatVector.fromArray(F, logits, o + i, m).sub(z)).mul(dscale).intoArray(dlogits, o + i, m);
                    }
                    dlogits[o + t] -= dscale;
                }
            }
        });
    }

    /** max + log Σ exp(x − max). */
    static float logSumExp(float[] x, int xo, int n) {
        float mx = VectorLoops.max(x, xo, n);
        FloatVector shift = FloatVector.broadcast(F, mx);
        FloatVector s = FloatVector.zero(F);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            s = s.add(VectorMath.exp(FloatVector.fromArray(F, x, xo + i, m).sub(shift)), m);
        }
        return mx + (float) Math.log(VectorLoops.hsum(s));
    }

    /** x ← exp(x − shift) in place; returns Σ of the new values. */
    private static float expShiftedInPlace(float[] x, int xo, int n, float shift) {
        FloatVector sh = FloatVector.broadcast(F, shift);
        FloatVector s = FloatVector.zero(F);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, x, xo + i, m).sub(sh));
            e.intoArray(x, xo + i, m);
            s = s.add(e, m);
        }
        return VectorLoops.hsum(s);
    }
}
