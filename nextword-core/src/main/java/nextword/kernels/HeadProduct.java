package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import jdk.incubator.vector.FloatVector;

/**
 * Products of the small matrices of one attention head (t × t scores, t × head-size values), a block of up
 * to four rows of c at a time, each 4L-column tile held in sixteen vector registers while k runs.
 *
 * <p>Per step of k: four broadcasts of a and four loads of b feed sixteen FMAs, against one load per FMA in a
 * row-at-a-time loop. Unlike {@link MatMul} nothing is packed per call: a head's operands are small enough to
 * stay in L1/L2, and the caller has already laid out b with rows padded to a multiple of L. op(a) may be a or
 * aᵀ, so that Pᵀ·dY and dSᵀ·Q read the probabilities and score gradients where they lie.
 *
 * <p>Every element of c is one chain of FMAs in k order, whatever block or tile it falls in: the same bits
 * however the caller splits the work.
 */
final class HeadProduct {

    private HeadProduct() {}

    /**
     * c[co + r·ldc + j] = alpha · Σ_{p<kc} a[ao + r·rs + p·ps] · b[bo + p·ldb + j] for r &lt; rows (1..4) and
     * j &lt; cols (a multiple of L). With rs = lda, ps = 1 op(a) is a row-major a; with rs = 1, ps = lda it is
     * the transpose of a row-major a.
     */
    static void rowBlock(float[] a, int ao, int rs, int ps, int rows, float[] b, int bo, int ldb, int kc,
                         float[] c, int co, int ldc, int cols, float alpha) {
        // rows past the block repeat its last row (harmless reads) and are not stored
        int a1 = ao + Math.min(1, rows - 1) * rs;
        int a2 = ao + Math.min(2, rows - 1) * rs;
        int a3 = ao + Math.min(3, rows - 1) * rs;
        int j = 0;
        for (; j + 4 * L <= cols; j += 4 * L) tile4(a, ao, a1, a2, a3, ps, b, bo + j, ldb, kc, c, co + j, ldc, rows, alpha);
        for (; j < cols; j += L) tile1(a, ao, a1, a2, a3, ps, b, bo + j, ldb, kc, c, co + j, ldc, rows, alpha);
    }

    /** A 4 × 4L tile: rows start at a0..a3 in a and step by ps along k. */
    private static void tile4(float[] a, int a0, int a1, int a2, int a3, int ps, float[] b, int bo, int ldb, int kc,
                              float[] c, int co, int ldc, int rows, float alpha) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int p = 0; p < kc; p++) {
            int q = p * ps;
            int o = bo + p * ldb;
            FloatVector b0 = FloatVector.fromArray(F, b, o);
            FloatVector b1 = FloatVector.fromArray(F, b, o + L);
            FloatVector b2 = FloatVector.fromArray(F, b, o + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, b, o + 3 * L);
            FloatVector x = FloatVector.broadcast(F, a[a0 + q]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02); c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(F, a[a1 + q]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12); c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(F, a[a2 + q]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22); c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(F, a[a3 + q]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32); c33 = b3.fma(x, c33);
        }
        // stores written out: a helper taking vectors would not be inlined and would box them
        int o = co;
        c00.mul(alpha).intoArray(c, o); c01.mul(alpha).intoArray(c, o + L);
        c02.mul(alpha).intoArray(c, o + 2 * L); c03.mul(alpha).intoArray(c, o + 3 * L);
        if (rows < 2) return;
        o += ldc;
        c10.mul(alpha).intoArray(c, o); c11.mul(alpha).intoArray(c, o + L);
        c12.mul(alpha).intoArray(c, o + 2 * L); c13.mul(alpha).intoArray(c, o + 3 * L);
        if (rows < 3) return;
        o += ldc;
        c20.mul(alpha).intoArray(c, o); c21.mul(alpha).intoArray(c, o + L);
        c22.mul(alpha).intoArray(c, o + 2 * L); c23.mul(alpha).intoArray(c, o + 3 * L);
        if (rows < 4) return;
        o += ldc;
        c30.mul(alpha).intoArray(c, o); c31.mul(alpha).intoArray(c, o + L);
        c32.mul(alpha).intoArray(c, o + 2 * L); c33.mul(alpha).intoArray(c, o + 3 * L);
    }

    /** A 4 × L tile, for the columns left after the 4L tiles. */
    private static void tile1(float[] a, int a0, int a1, int a2, int a3, int ps, float[] b, int bo, int ldb, int kc,
                              float[] c, int co, int ldc, int rows, float alpha) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < kc; p++) {
            int q = p * ps;
            FloatVector bv = FloatVector.fromArray(F, b, bo + p * ldb);
            c0 = bv.fma(FloatVector.broadcast(F, a[a0 + q]), c0);
            c1 = bv.fma(FloatVector.broadcast(F, a[a1 + q]), c1);
            c2 = bv.fma(FloatVector.broadcast(F, a[a2 + q]), c2);
            c3 = bv.fma(FloatVector.broadcast(F, a[a3 + q]), c3);
        }
        c0.mul(alpha).intoArray(c, co);
        if (rows > 1) c1.mul(alpha).intoArray(c, co + ldc);
        if (rows > 2) c2.mul(alpha).intoArray(c, co + 2 * ldc);
        if (rows > 3) c3.mul(alpha).intoArray(c, co + 3 * ldc);
    }
}
