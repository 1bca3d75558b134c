package nextword.kernels;

import static nextword.kernels.MicroKernel.MR;
import static nextword.kernels.MicroKernel.NR;

import java.util.Arrays;
import java.util.Objects;

/**
 * c(m,n) (+)= op(a)·op(b) for the three forms, blocked for the caches in the manner of Goto's GEMM.
 *
 * <p>k is cut into blocks of {@value #KC}; within a block, a tile of c stays in registers ({@link MicroKernel})
 * while 8 rows of packed a (in L1) meet a packed panel of b (in L2). A band of up to {@value #BAND} rows of a
 * is packed once, in parallel, and shared; each task then owns a rectangle of c and packs the b columns it
 * needs. A single row (decoding one token) is memory-bound instead, so it streams b without packing.
 *
 * <p>Determinism: every element of c is one FMA chain over p in order, starting from c (accumulating) or from
 * zero, whichever task computes it and whether its tile is full or on the edge: the way c is cut into tasks
 * varies with the thread count, the arithmetic does not, and a row equals what the matrix-vector path gives.
 */
final class MatMul {

    /** k per block: a 8×256 panel of a is 8 KiB (L1), a 256×48 panel of b 48 KiB (streams from L2). */
    private static final int KC = 256;
    /** Rows of a packed and shared per band, at most. */
    private static final int BAND = 512;
    /** Floats of packed a per band, at most (32 MiB): a long k (a 50257-token vocabulary) gets a shorter band. */
    private static final int BAND_FLOATS = 8 << 20;
    /** Rows of c per task at most: beyond it, tasks would re-read the same b panels from L3 for little gain. */
    private static final int MC = 256;
    /** b panels per task at most: 16 × 48 columns × 256 × 4 bytes = 768 KiB of packed b, well inside L2. */
    private static final int NC_PANELS = 16;
    /** Fewer rows than this are treated as matrix-vector products. */
    private static final int GEMV_ROWS = 4;
    /** Columns (GEMV) per parallel task at least. */
    private static final int GEMV_GRAIN = 512;
    /** Columns of c kept in L1 while the k rows of b stream past them (GEMV). */
    private static final int GEMV_STRIP = 1024;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][]);

    private MatMul() {}

    /**
     * c (+)= op(a)·op(b): a is (m, k), or (k, m) when {@code aT}; b is (k, n), or (n, k) when {@code bT}.
     */
    static void multiply(float[] a, int ao, boolean aT, float[] b, int bo, boolean bT,
                         float[] c, int co, int m, int k, int n, boolean accumulate) {
        if (m < 0 || k < 0 || n < 0) throw new IllegalArgumentException("matmul: negative size m=" + m + " k=" + k + " n=" + n);
        Objects.checkFromIndexSize(ao, Math.multiplyExact(m, k), a.length);
        Objects.checkFromIndexSize(bo, Math.multiplyExact(k, n), b.length);
        Objects.checkFromIndexSize(co, Math.multiplyExact(m, n), c.length);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) Arrays.fill(c, co, co + m * n, 0f);
            return;
        }
        if (m < GEMV_ROWS) {
            for (int i = 0; i < m; i++) {
                // row i of op(a) as (base, stride): contiguous for a(m,k), strided by m for a(k,m)
                int base = aT ? ao + i : ao + i * k;
                int stride = aT ? m : 1;
                if (bT) rowTimesBt(a, base, stride, b, bo, c, co + i * n, k, n, accumulate);
                else rowTimesB(a, base, stride, b, bo, c, co + i * n, k, n, accumulate);
            }
            return;
        }
        int ldb = bT ? k : n;
        multiply(a, ao, aT, (j0, nr, p0, kc, pb, pbo) -> MicroKernel.packB(b, bo, ldb, bT, j0, nr, p0, kc, pb, pbo),
                c, co, m, k, n, accumulate);
    }

    /**
     * Where the b operand (k, n) of a product comes from: something that can pack columns [j0, j0+nr) ×
     * k-range [p0, p0+kc) into one b-panel at pbo ({@code pb[pbo + p·NR + j]}, zero beyond nr). A plain
     * array packs by copying; weights stored already in panels (decoding) copy one contiguous run.
     */
    @FunctionalInterface
    interface BPanels {
        void pack(int j0, int nr, int p0, int kc, float[] pb, int pbo);
    }

    /** c (+)= op(a)·b, the blocked product with b supplied panel by panel (m ≥ 1, k ≥ 1; sizes checked by the caller). */
    static void multiply(float[] a, int ao, boolean aT, BPanels b, float[] c, int co, int m, int k, int n, boolean accumulate) {
        int lda = aT ? m : k;
        int bandRows = Math.max(MR, Math.min(BAND, BAND_FLOATS / k / MR * MR));
        float[] pa = scratch(0, Math.min(m, bandRows) / MR * MR * k + MR * k);
        for (int i0 = 0; i0 < m; i0 += bandRows) {
            int band = Math.min(bandRows, m - i0);
            int bandPanels = (band + MR - 1) / MR;
            int bandStart = i0;
            Parallel.range(bandPanels, Math.max(1, 64 * 1024 / (MR * k)), (lo, hi) -> {
                for (int ip = lo; ip < hi; ip++) {
                    int i = bandStart + ip * MR;
                    MicroKernel.packA(a, ao, lda, aT, i, Math.min(MR, m - i), 0, k, pa, ip * k * MR);
                }
            });
            Tiling t = Tiling.of(band, n, Parallel.threads());
            Parallel.range(t.count(), 1, (lo, hi) -> {
                for (int task = lo; task < hi; task++) {
                    int rowPanel0 = (task / t.colTasks) * t.rowPanels;
                    int colPanel0 = (task % t.colTasks) * t.colPanels;
                    int rowPanels = Math.min(t.rowPanels, bandPanels - rowPanel0);
                    int colPanels = Math.min(t.colPanels, (n + NR - 1) / NR - colPanel0);
                    block(pa, bandStart, rowPanel0, rowPanels, b, colPanel0, colPanels, c, co, m, k, n, accumulate);
                }
            });
        }
    }

    /** How one band of c is cut into rectangles of whole tiles, one per task. */
    private record Tiling(int rowPanels, int colPanels, int rowTasks, int colTasks) {
        int count() {
            return rowTasks * colTasks;
        }

        static Tiling of(int rows, int n, int threads) {
            int rowPanelsAll = (rows + MR - 1) / MR;
            int colPanelsAll = (n + NR - 1) / NR;
            int rp = Math.min(rowPanelsAll, MC / MR);
            int cp = Math.min(colPanelsAll, NC_PANELS);
            // Enough tasks to keep every thread busy; narrowing the columns first keeps each task's share of
            // the packed a large, narrowing rows only when the columns run out.
            int want = threads == 1 ? 1 : 2 * threads;
            while (tasks(rowPanelsAll, rp, colPanelsAll, cp) < want && cp > 1) cp = (cp + 1) / 2;
            while (tasks(rowPanelsAll, rp, colPanelsAll, cp) < want && rp > 1) rp = (rp + 1) / 2;
            return new Tiling(rp, cp, ceilDiv(rowPanelsAll, rp), ceilDiv(colPanelsAll, cp));
        }

        private static int tasks(int rowPanels, int rp, int colPanels, int cp) {
            return ceilDiv(rowPanels, rp) * ceilDiv(colPanels, cp);
        }
    }

    /** One task: the tiles in row panels [rowPanel0, +rowPanels) of the band × column panels [colPanel0, +colPanels). */
    private static void block(float[] pa, int bandStart, int rowPanel0, int rowPanels, BPanels b, int colPanel0, int colPanels,
                              float[] c, int co, int m, int k, int n, boolean accumulate) {
        float[] pb = scratch(1, KC * NR * colPanels);
        float[] edge = scratch(2, MR * NR);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jp = 0; jp < colPanels; jp++) {
                int j = (colPanel0 + jp) * NR;
                b.pack(j, Math.min(NR, n - j), pc, kc, pb, jp * kc * NR);
            }
            boolean overwrite = pc == 0 && !accumulate;
            for (int ip = rowPanel0; ip < rowPanel0 + rowPanels; ip++) {
                int i = bandStart + ip * MR;
                int mr = Math.min(MR, m - i);
                int pao = ip * k * MR + pc * MR;
                for (int jp = 0; jp < colPanels; jp++) {
                    int j = (colPanel0 + jp) * NR;
                    int nr = Math.min(NR, n - j);
                    int ci = co + i * n + j;
                    if (mr == MR && nr == NR) {
                        MicroKernel.tile(pa, pao, pb, jp * kc * NR, kc, c, ci, n, overwrite);
                    } else {
                        // a partial tile goes through scratch, starting from the same values a full one would
                        if (!overwrite) for (int r = 0; r < mr; r++) System.arraycopy(c, ci + r * n, edge, r * NR, nr);
                        MicroKernel.tile(pa, pao, pb, jp * kc * NR, kc, edge, 0, NR, overwrite);
                        for (int r = 0; r < mr; r++) System.arraycopy(edge, r * NR, c, ci + r * n, nr);
                    }
                }
            }
        }
    }

    // ---- one row of a: c(1,n) (+)= a_row · op(b); memory-bound, so b streams once without packing ----

    /** c[j] (+)= Σ_p a[base + p·stride] · b[bo + p·n + j], each column an FMA chain in p order. */
    private static void rowTimesB(float[] a, int base, int stride, float[] b, int bo, float[] c, int ci,
                                  int k, int n, boolean accumulate) {
        int L = MicroKernel.L;
        Parallel.range((n + L - 1) / L, GEMV_GRAIN / L, (lo, hi) -> {
            int end = Math.min(hi * L, n);
            for (int j0 = lo * L; j0 < end; j0 += GEMV_STRIP) {
                int j1 = Math.min(j0 + GEMV_STRIP, end);
                if (!accumulate) Arrays.fill(c, ci + j0, ci + j1, 0f);
                int p = 0;
                for (; p + 4 <= k; p += 4) {
                    VectorLoops.fma4(a[base + p * stride], a[base + (p + 1) * stride], a[base + (p + 2) * stride],
                            a[base + (p + 3) * stride], b, bo + p * n, n, c, ci, j0, j1);
                }
                for (; p < k; p++) VectorLoops.fma1(a[base + p * stride], b, bo + p * n, c, ci, j0, j1);
            }
        });
    }

    /** c[j] (+)= Σ_p a[base + p·stride] · b[bo + j·k + p]: n dot products, four rows of b at a time. */
    private static void rowTimesBt(float[] a, int base, int stride, float[] b, int bo, float[] c, int ci,
                                   int k, int n, boolean accumulate) {
        float[] row;
        int ro;
        if (stride == 1) {
            row = a;
            ro = base;
        } else {
            row = new float[k];
            for (int p = 0; p < k; p++) row[p] = a[base + p * stride];
            ro = 0;
        }
        // Groups of four rows, so that which rows share a pass depends only on n, never on the split.
        Parallel.range((n + 3) / 4, Math.max(1, GEMV_GRAIN * 64 / Math.max(1, k)), (lo, hi) -> {
            for (int g = lo; g < hi; g++) {
                int j = 4 * g;
                if (j + 4 <= n) {
                    VectorLoops.dot4(row, ro, b, bo + j * k, k, c, ci + j, accumulate);
                } else {
                    for (; j < n; j++) {
                        float s = VectorLoops.dot1(row, ro, b, bo + j * k, k);
                        c[ci + j] = accumulate ? c[ci + j] + s : s;
                    }
                }
            }
        });
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** A per-thread buffer of at least {@code size} floats (contents undefined). */
    private static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot] == null || s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }
}
