package nextword.kernels;

import static nextword.kernels.MicroKernel.MR;
import static nextword.kernels.MicroKernel.NR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * c(m,n) (+)= op(a)·op(b) for the three forms, blocked for the caches in the manner of Goto's GEMM.
 *
 * <p>c is cut into one slab per thread (a grid of row bands × column bands, whole tiles only), and each thread
 * packs the parts of a and b its slab needs into its own buffers: the threads meet once per call and share no
 * written cache line but the few at slab edges. Within a slab, {@value #MC} rows at a time, k is cut into
 * blocks of {@value #KC}: the rows of a are packed once per block, and a block of up to {@value #NC_PANELS}
 * packed b panels stays in L2 while an 8-row panel of a sits in L1 and a tile of c in registers
 * ({@link MicroKernel}). A single row (decoding one token) is memory-bound instead, so it streams b unpacked.
 *
 * <p>Determinism: every element of c is one FMA chain over p in order, starting from c (accumulating) or from
 * zero, whichever thread computes it and whether its tile is full or on the edge: the result depends on
 * neither the thread count nor the blocking, and a row equals what the matrix-vector path gives for it.
 */
final class MatMul {

    /** k per block: an 8×256 panel of a is 8 KiB (L1); a 256×48 panel of b is 48 KiB (streams from L2). */
    private static final int KC = 256;
    /** b panels per block at most: 16 × 48 columns × 256 × 4 bytes = 768 KiB of packed b, well inside L2. */
    private static final int NC_PANELS = 16;
    /**
     * Rows of c per block. Each block packs all of its slab's b again, so fewer, taller blocks pack less; an
     * 8-row panel of a is read once per block of b columns, from L2 or L3 (1 MiB of packed a at most).
     */
    private static final int MC = 1024;
    /** Multiply-adds per thread at least: below it, waking another thread costs more than it saves. */
    private static final long MIN_WORK = 1 << 18;
    /** Fewer rows than this are treated as matrix-vector products. */
    private static final int GEMV_ROWS = 4;
    /** Columns (GEMV) per parallel task at least. */
    private static final int GEMV_GRAIN = 512;
    /** Columns of c kept in L1 while the k rows of b stream past them (GEMV). */
    private static final int GEMV_STRIP = 1024;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][]);
    /** Each thread's packed b block, 64-byte aligned off the heap (see {@link MicroKernel}); freed with the thread. */
    private static final ThreadLocal<MemorySegment> PACKED_B =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(4L * KC * NR * NC_PANELS, 64));

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
     * k-range [p0, p0+kc) into one b-panel at byte pbo (float p·NR + j of the panel, zero beyond nr). A plain
     * array packs by copying; weights stored already in panels (decoding) copy one contiguous run.
     */
    @FunctionalInterface
    interface BPanels {
        void pack(int j0, int nr, int p0, int kc, MemorySegment pb, long pbo);
    }

    /** c (+)= op(a)·b, the blocked product with b supplied panel by panel (m ≥ 1, k ≥ 1; sizes checked by the caller). */
    static void multiply(float[] a, int ao, boolean aT, BPanels b, float[] c, int co, int m, int k, int n, boolean accumulate) {
        int lda = aT ? m : k;
        int rowPanels = ceilDiv(m, MR);
        int colPanels = ceilDiv(n, NR);
        long work = (long) m * k * n;
        Grid g = Grid.of(rowPanels, colPanels, m, n, (int) Math.min(Parallel.threads(), Math.max(1, work / MIN_WORK)));
        Parallel.range(g.rows * g.cols, 1, (lo, hi) -> {
            for (int s = lo; s < hi; s++) {
                int r = s / g.cols, q = s % g.cols;
                slab(a, ao, lda, aT, b, c, co, m, k, n, accumulate,
                        rowPanels * r / g.rows, rowPanels * (r + 1) / g.rows,
                        colPanels * q / g.cols, colPanels * (q + 1) / g.cols);
            }
        });
    }

    /** How the threads share c: {@code rows} bands of row panels × {@code cols} bands of column panels. */
    private record Grid(int rows, int cols) {
        /**
         * Every thread busy if the panels allow it; then the least packing, since each column band packs all of
         * its rows of a and each row band all of its columns of b.
         */
        static Grid of(int rowPanels, int colPanels, int m, int n, int threads) {
            Grid best = new Grid(1, 1);
            long bestCost = Long.MAX_VALUE;
            for (int r = 1; r <= Math.min(threads, rowPanels); r++) {
                int q = Math.min(threads / r, colPanels);
                long cost = (long) q * m + (long) r * n;
                int used = r * q, bestUsed = best.rows * best.cols;
                if (used > bestUsed || (used == bestUsed && cost < bestCost)) {
                    best = new Grid(r, q);
                    bestCost = cost;
                }
            }
            return best;
        }
    }

    /** One thread's share: the tiles in row panels [rp0, rp1) × column panels [cp0, cp1), by {@value #MC} rows. */
    private static void slab(float[] a, int ao, int lda, boolean aT, BPanels b, float[] c, int co, int m, int k, int n,
                             boolean accumulate, int rp0, int rp1, int cp0, int cp1) {
        for (int ic = rp0; ic < rp1; ic += MC / MR) {
            block(a, ao, lda, aT, b, c, co, m, k, n, accumulate, ic, Math.min(ic + MC / MR, rp1), cp0, cp1);
        }
    }

    /** Row panels [rp0, rp1) (at most {@value #MC} rows) × column panels [cp0, cp1). */
    private static void block(float[] a, int ao, int lda, boolean aT, BPanels b, float[] c, int co, int m, int k, int n,
                              boolean accumulate, int rp0, int rp1, int cp0, int cp1) {
        float[] pa = scratch(0, (rp1 - rp0) * MR * KC);
        MemorySegment pb = PACKED_B.get();
        float[] edge = scratch(1, MR * NR);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            // the block's rows of a for this k-block, packed once and met by every block of b columns
            for (int ip = rp0; ip < rp1; ip++) {
                MicroKernel.packA(a, ao, lda, aT, ip * MR, Math.min(MR, m - ip * MR), pc, kc, pa, (ip - rp0) * kc * MR);
            }
            boolean overwrite = pc == 0 && !accumulate;
            for (int jc = cp0; jc < cp1; jc += NC_PANELS) {
                int panels = Math.min(NC_PANELS, cp1 - jc);
                for (int jp = 0; jp < panels; jp++) {
                    int j = (jc + jp) * NR;
                    b.pack(j, Math.min(NR, n - j), pc, kc, pb, 4L * jp * kc * NR);
                }
                for (int ip = rp0; ip < rp1; ip++) {
                    int i = ip * MR;
                    int mr = Math.min(MR, m - i);
                    int pao = (ip - rp0) * kc * MR;
                    for (int jp = 0; jp < panels; jp++) {
                        int j = (jc + jp) * NR;
                        int nr = Math.min(NR, n - j);
                        int ci = co + i * n + j;
                        if (mr == MR && nr == NR) {
                            MicroKernel.tile(pa, pao, pb, 4L * jp * kc * NR, kc, c, ci, n, overwrite);
                        } else {
                            // a partial tile goes through scratch, starting from the same values a full one would
                            if (!overwrite) for (int r = 0; r < mr; r++) System.arraycopy(c, ci + r * n, edge, r * NR, nr);
                            MicroKernel.tile(pa, pao, pb, 4L * jp * kc * NR, kc, edge, 0, NR, overwrite);
                            for (int r = 0; r < mr; r++) System.arraycopy(edge, r * NR, c, ci + r * n, nr);
                        }
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
