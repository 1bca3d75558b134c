package nextword.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small vector loops the kernels are built from: dot products, sums, FMA sweeps.
 *
 * <p>Every horizontal sum goes through {@link #hsum}, a fixed tree of lane rotations, rather than
 * {@code reduceLanes(ADD)}, whose order the API leaves open (the interpreter and C2 may differ), so that a
 * result never depends on whether a method has been compiled yet. Tails use {@link Math#fma}, which rounds
 * exactly like a vector lane's FMA, so an element gets the same bits whether it falls in a vector or a tail.
 */
final class VectorLoops {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();

    /** Rotations by L/2, L/4, …, 1 lanes: after adding each, lane 0 holds the total. */
    private static final VectorShuffle<Float>[] FOLDS = folds();

    private VectorLoops() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] folds() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] s = new VectorShuffle[steps];
        for (int i = 0, w = L / 2; i < steps; i++, w /= 2) s[i] = VectorShuffle.iota(F, w, 1, true);
        return s;
    }

    /** Σ of the lanes, in a fixed pairwise order. */
    static float hsum(FloatVector v) {
        for (VectorShuffle<Float> s : FOLDS) v = v.add(v.rearrange(s));
        return v.lane(0);
    }

    /** Σ x[i]·y[i] with four accumulators (for a single long dot product). */
    static float dot(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            s0 = load(x, xo + i).fma(load(y, yo + i), s0);
            s1 = load(x, xo + i + L).fma(load(y, yo + i + L), s1);
            s2 = load(x, xo + i + 2 * L).fma(load(y, yo + i + 2 * L), s2);
            s3 = load(x, xo + i + 3 * L).fma(load(y, yo + i + 3 * L), s3);
        }
        for (; i + L <= n; i += L) s0 = load(x, xo + i).fma(load(y, yo + i), s0);
        float s = hsum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) s = Math.fma(x[xo + i], y[yo + i], s);
        return s;
    }

    /**
     * Σ x[i]·y[i] with one accumulator and a masked tail: the same arithmetic as one row of {@link #dot4},
     * so a row gives the same bits alone or in a group of four.
     */
    static float dot1(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector s = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) s = load(x, xo + i).fma(load(y, yo + i), s);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            s = FloatVector.fromArray(F, x, xo + i, m).fma(FloatVector.fromArray(F, y, yo + i, m), s);
        }
        return hsum(s);
    }

    /** c[ci + r] (+)= Σ_i x[xo + i] · y[yo + r·n + i] for r = 0..3: four dot products sharing the loads of x. */
    static void dot4(float[] x, int xo, float[] y, int yo, int n, float[] c, int ci, boolean accumulate) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int y1 = yo + n, y2 = yo + 2 * n, y3 = yo + 3 * n;
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector xv = load(x, xo + i);
            s0 = xv.fma(load(y, yo + i), s0);
            s1 = xv.fma(load(y, y1 + i), s1);
            s2 = xv.fma(load(y, y2 + i), s2);
            s3 = xv.fma(load(y, y3 + i), s3);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector xv = FloatVector.fromArray(F, x, xo + i, m);
            s0 = xv.fma(FloatVector.fromArray(F, y, yo + i, m), s0);
            s1 = xv.fma(FloatVector.fromArray(F, y, y1 + i, m), s1);
            s2 = xv.fma(FloatVector.fromArray(F, y, y2 + i, m), s2);
            s3 = xv.fma(FloatVector.fromArray(F, y, y3 + i, m), s3);
        }
        store(c, ci, hsum(s0), accumulate);
        store(c, ci + 1, hsum(s1), accumulate);
        store(c, ci + 2, hsum(s2), accumulate);
        store(c, ci + 3, hsum(s3), accumulate);
    }

    private static void store(float[] c, int i, float s, boolean accumulate) {
        c[i] = accumulate ? c[i] + s : s;
    }

    /** c[ci + j] = fma(a, b[bo + j], c[ci + j]) for j in [j0, j1). */
    static void fma1(float a, float[] b, int bo, float[] c, int ci, int j0, int j1) {
        FloatVector av = FloatVector.broadcast(F, a);
        int j = j0;
        for (; j + L <= j1; j += L) load(b, bo + j).fma(av, load(c, ci + j)).intoArray(c, ci + j);
        for (; j < j1; j++) c[ci + j] = Math.fma(a, b[bo + j], c[ci + j]);
    }

    /** c[ci + j] gets a0·b[bo + j], then a1·b[bo + ldb + j], a2·…, a3·… added by FMAs in that order, j in [j0, j1). */
    static void fma4(float a0, float a1, float a2, float a3, float[] b, int bo, int ldb, float[] c, int ci, int j0, int j1) {
        FloatVector v0 = FloatVector.broadcast(F, a0), v1 = FloatVector.broadcast(F, a1);
        FloatVector v2 = FloatVector.broadcast(F, a2), v3 = FloatVector.broadcast(F, a3);
        int b1 = bo + ldb, b2 = bo + 2 * ldb, b3 = bo + 3 * ldb;
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector s = load(b, bo + j).fma(v0, load(c, ci + j));
            s = load(b, b1 + j).fma(v1, s);
            s = load(b, b2 + j).fma(v2, s);
            load(b, b3 + j).fma(v3, s).intoArray(c, ci + j);
        }
        for (; j < j1; j++) {
            float s = Math.fma(a0, b[bo + j], c[ci + j]);
            s = Math.fma(a1, b[b1 + j], s);
            s = Math.fma(a2, b[b2 + j], s);
            c[ci + j] = Math.fma(a3, b[b3 + j], s);
        }
    }

    /** Σ x[i], four accumulators then the fixed tree. */
    static float sum(float[] x, int xo, int n) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            s0 = s0.add(load(x, xo + i));
            s1 = s1.add(load(x, xo + i + L));
            s2 = s2.add(load(x, xo + i + 2 * L));
            s3 = s3.add(load(x, xo + i + 3 * L));
        }
        for (; i + L <= n; i += L) s0 = s0.add(load(x, xo + i));
        float s = hsum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) s += x[xo + i];
        return s;
    }

    /** max x[i]; −∞ for n = 0, NaN if any element is NaN (as {@link Math#max}). */
    static float max(float[] x, int xo, int n) {
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i + L <= n; i += L) m = m.max(load(x, xo + i));
        float mx = m.reduceLanes(jdk.incubator.vector.VectorOperators.MAX);
        for (; i < n; i++) mx = Math.max(mx, x[xo + i]);
        return mx;
    }

    static FloatVector load(float[] x, int o) {
        return FloatVector.fromArray(F, x, o);
    }
}
