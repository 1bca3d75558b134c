package nextword.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * The matrix products of a convolution with few filters, without the general product's packing. With 8 or
 * 16 filters one side of every product is tiny, and copying the huge unfolded-image side into panels (what a
 * general GEMM does first) costs as much as multiplying: here each 4 × 4L tile of the output keeps sixteen
 * vector sums in registers and reads the large operand straight from its rows.
 *
 * <p>Every output sums its terms in the spec's order (p ascending) with one fused multiply-add per term, in
 * a vector lane or in {@link Math#fma} alike, so the tile that computes it and the thread count never change
 * its bits. The filter gradient, a long reduction, sums lane-wise and folds with {@link VectorLoops#hsum}.
 */
final class FilterProducts {

    private static final int L = VectorLoops.L;
    /** Output columns per tile: four vectors. */
    private static final int TILE = 4 * L;
    /** Enough multiply-adds per task that forking pays. */
    private static final long GRAIN_MULTIPLY_ADDS = 1 << 18;

    private FilterProducts() {}

    /**
     * c (m, n) = A · b with b (k, n) row-major from 0 and A (m, k) read at a[ao + r·rowStride + p·kStride]:
     * the filters (rowStride = k, kStride = 1) or their transpose (rowStride = 1, kStride = m).
     */
    static void product(float[] a, int ao, int rowStride, int kStride, float[] b, float[] c, int m, int k, int n) {
        int tiles = (n + TILE - 1) / TILE;
        // A task is a run of column tiles, all rows: its slice of b (k × 4L) stays in cache for every row block.
        Parallel.range(tiles, grain((long) m * k * TILE), (from, to) -> {
            for (int t = from; t < to; t++) {
                int j0 = t * TILE;
                int j1 = Math.min(n, j0 + TILE);
                for (int r = 0; r < m; r += 4) {
                    if (r + 4 <= m && j1 - j0 == TILE) tile4x4(a, ao + r * rowStride, rowStride, kStride, b, c, r, j0, k, n);
                    else edge(a, ao, rowStride, kStride, b, c, r, Math.min(m, r + 4), j0, j1, k, n);
                }
            }
        });
    }

    private static void tile4x4(float[] a, int ar, int rs, int ks, float[] b, float[] c, int r, int j, int k, int n) {
        var s00 = FloatVector.zero(VectorLoops.F); var s01 = s00; var s02 = s00; var s03 = s00;
        var s10 = s00; var s11 = s00; var s12 = s00; var s13 = s00;
        var s20 = s00; var s21 = s00; var s22 = s00; var s23 = s00;
        var s30 = s00; var s31 = s00; var s32 = s00; var s33 = s00;
        for (int p = 0; p < k; p++) {
            int bp = p * n + j;
            var b0 = FloatVector.fromArray(VectorLoops.F, b, bp);
            var b1 = FloatVector.fromArray(VectorLoops.F, b, bp + L);
            var b2 = FloatVector.fromArray(VectorLoops.F, b, bp + 2 * L);
            var b3 = FloatVector.fromArray(VectorLoops.F, b, bp + 3 * L);
            int ap = ar + p * ks;
            var a0 = FloatVector.broadcast(VectorLoops.F, a[ap]);
            s00 = a0.fma(b0, s00); s01 = a0.fma(b1, s01); s02 = a0.fma(b2, s02); s03 = a0.fma(b3, s03);
            var a1 = FloatVector.broadcast(VectorLoops.F, a[ap + rs]);
            s10 = a1.fma(b0, s10); s11 = a1.fma(b1, s11); s12 = a1.fma(b2, s12); s13 = a1.fma(b3, s13);
            var a2 = FloatVector.broadcast(VectorLoops.F, a[ap + 2 * rs]);
            s20 = a2.fma(b0, s20); s21 = a2.fma(b1, s21); s22 = a2.fma(b2, s22); s23 = a2.fma(b3, s23);
            var a3 = FloatVector.broadcast(VectorLoops.F, a[ap + 3 * rs]);
            s30 = a3.fma(b0, s30); s31 = a3.fma(b1, s31); s32 = a3.fma(b2, s32); s33 = a3.fma(b3, s33);
        }
        int c0 = r * n + j;
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L); s02.intoArray(c, c0 + 2 * L); s03.intoArray(c, c0 + 3 * L);
        c0 += n;
        s10.intoArray(c, c0); s11.intoArray(c, c0 + L); s12.intoArray(c, c0 + 2 * L); s13.intoArray(c, c0 + 3 * L);
        c0 += n;
        s20.intoArray(c, c0); s21.intoArray(c, c0 + L); s22.intoArray(c, c0 + 2 * L); s23.intoArray(c, c0 + 3 * L);
        c0 += n;
        s30.intoArray(c, c0); s31.intoArray(c, c0 + L); s32.intoArray(c, c0 + 2 * L); s33.intoArray(c, c0 + 3 * L);
    }

    /** Rows [r0, r1) × columns [j0, j1) one vector (then one column) at a time: the ragged right and bottom. */
    private static void edge(float[] a, int ao, int rs, int ks, float[] b, float[] c, int r0, int r1, int j0, int j1, int k, int n) {
        for (int r = r0; r < r1; r++) {
            int ar = ao + r * rs;
            int j = j0;
            for (; j + L <= j1; j += L) {
                var s = FloatVector.zero(VectorLoops.F);
                for (int p = 0; p < k; p++) {
                    s = FloatVector.broadcast(VectorLoops.F, a[ar + p * ks]).fma(FloatVector.fromArray(VectorLoops.F, b, p * n + j), s);
                }
                s.intoArray(c, r * n + j);
            }
            for (; j < j1; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s = Math.fma(a[ar + p * ks], b[p * n + j], s);
                c[r * n + j] = s;
            }
        }
    }

    /**
     * g (m, k) += dy · colsᵀ with dy (m, n) and cols (k, n) row-major from 0: each filter's gradient, a sum
     * over every image position. Each sum runs lane-wise over whole vectors, folds, then adds the tail.
     */
    static void gradient(float[] dy, float[] cols, float[] g, int go, int m, int k, int n) {
        int rowBlocks = (m + 3) / 4;
        int colBlocks = (k + 3) / 4;
        // Items walk the filters fastest: four rows of cols are read once from memory while all of dy (m × n,
        // small) is reused from cache.
        Parallel.range(rowBlocks * colBlocks, grain(16L * n), (from, to) -> {
            for (int item = from; item < to; item++) {
                int f = item % rowBlocks * 4;
                int p = item / rowBlocks * 4;
                if (f + 4 <= m && p + 4 <= k) gradient4x4(dy, cols, g, go, f, p, k, n);
                else {
                    for (int i = f; i < Math.min(m, f + 4); i++) {
                        for (int q = p; q < Math.min(k, p + 4); q++) g[go + i * k + q] += dot(dy, i * n, cols, q * n, n);
                    }
                }
            }
        });
    }

    private static void gradient4x4(float[] dy, float[] cols, float[] g, int go, int f, int p, int k, int n) {
        var s00 = FloatVector.zero(VectorLoops.F); var s01 = s00; var s02 = s00; var s03 = s00;
        var s10 = s00; var s11 = s00; var s12 = s00; var s13 = s00;
        var s20 = s00; var s21 = s00; var s22 = s00; var s23 = s00;
        var s30 = s00; var s31 = s00; var s32 = s00; var s33 = s00;
        int d0 = f * n;
        int x0 = p * n;
        int whole = n - n % L;
        for (int j = 0; j < whole; j += L) {
            var c0 = FloatVector.fromArray(VectorLoops.F, cols, x0 + j);
            var c1 = FloatVector.fromArray(VectorLoops.F, cols, x0 + n + j);
            var c2 = FloatVector.fromArray(VectorLoops.F, cols, x0 + 2 * n + j);
            var c3 = FloatVector.fromArray(VectorLoops.F, cols, x0 + 3 * n + j);
            var y = FloatVector.fromArray(VectorLoops.F, dy, d0 + j);
            s00 = y.fma(c0, s00); s01 = y.fma(c1, s01); s02 = y.fma(c2, s02); s03 = y.fma(c3, s03);
            y = FloatVector.fromArray(VectorLoops.F, dy, d0 + n + j);
            s10 = y.fma(c0, s10); s11 = y.fma(c1, s11); s12 = y.fma(c2, s12); s13 = y.fma(c3, s13);
            y = FloatVector.fromArray(VectorLoops.F, dy, d0 + 2 * n + j);
            s20 = y.fma(c0, s20); s21 = y.fma(c1, s21); s22 = y.fma(c2, s22); s23 = y.fma(c3, s23);
            y = FloatVector.fromArray(VectorLoops.F, dy, d0 + 3 * n + j);
            s30 = y.fma(c0, s30); s31 = y.fma(c1, s31); s32 = y.fma(c2, s32); s33 = y.fma(c3, s33);
        }
        // the sums folded here, four calls with floats: vectors passed to a method or kept in an array would
        // move to the heap
        int g0 = go + f * k + p;
        addSums(g, g0, VectorLoops.hsum(s00), VectorLoops.hsum(s01), VectorLoops.hsum(s02), VectorLoops.hsum(s03), dy, d0, cols, x0, whole, n);
        addSums(g, g0 + k, VectorLoops.hsum(s10), VectorLoops.hsum(s11), VectorLoops.hsum(s12), VectorLoops.hsum(s13), dy, d0 + n, cols, x0, whole, n);
        addSums(g, g0 + 2 * k, VectorLoops.hsum(s20), VectorLoops.hsum(s21), VectorLoops.hsum(s22), VectorLoops.hsum(s23), dy, d0 + 2 * n, cols, x0, whole, n);
        addSums(g, g0 + 3 * k, VectorLoops.hsum(s30), VectorLoops.hsum(s31), VectorLoops.hsum(s32), VectorLoops.hsum(s33), dy, d0 + 3 * n, cols, x0, whole, n);
    }

    /** One filter's four gradient entries: the folded vector sums plus their tails, onto g[at … at + 3]. */
    private static void addSums(float[] g, int at, float s0, float s1, float s2, float s3,
                                float[] dy, int d, float[] cols, int x0, int whole, int n) {
        g[at] += tail(s0, dy, d, cols, x0, whole, n);
        g[at + 1] += tail(s1, dy, d, cols, x0 + n, whole, n);
        g[at + 2] += tail(s2, dy, d, cols, x0 + 2 * n, whole, n);
        g[at + 3] += tail(s3, dy, d, cols, x0 + 3 * n, whole, n);
    }

    /** Σ x[xo + j]·y[yo + j] over j < n, summed exactly as {@link #gradient4x4} sums each of its outputs. */
    private static float dot(float[] x, int xo, float[] y, int yo, int n) {
        int whole = n - n % L;
        var s = FloatVector.zero(VectorLoops.F);
        for (int j = 0; j < whole; j += L) {
            s = FloatVector.fromArray(VectorLoops.F, x, xo + j).fma(FloatVector.fromArray(VectorLoops.F, y, yo + j), s);
        }
        return tail(VectorLoops.hsum(s), x, xo, y, yo, whole, n);
    }

    private static float tail(float s, float[] x, int xo, float[] y, int yo, int from, int n) {
        for (int j = from; j < n; j++) s = Math.fma(x[xo + j], y[yo + j], s);
        return s;
    }

    private static int grain(long multiplyAddsPerItem) {
        return (int) Math.max(1, GRAIN_MULTIPLY_ADDS / Math.max(1, multiplyAddsPerItem));
    }
}
