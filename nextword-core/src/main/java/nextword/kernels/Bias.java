package nextword.kernels;

import static nextword.kernels.VectorLoops.L;

/**
 * A vector added to every row of a batch (a layer's bias, the position embeddings), and its gradient: the
 * batch's column sums. One call for the whole batch instead of one per row, split over threads.
 *
 * <p>Each column of the sum adds its rows in order, starting from the old value, exactly as a row-by-row
 * loop does: the split (over columns) and vector-or-tail placement change which thread adds an element,
 * never the order or the bits.
 */
final class Bias {

    /** Floats per parallel task at least. */
    private static final int GRAIN = 16 * 1024;
    /** Columns per task of the column sums at most: the task's part of out stays in L1 while rows stream past. */
    private static final int COLUMNS = 64 * L;

    private Bias() {}

    /** y[yo + r·n + j] += v[vo + j] for r &lt; rows, j &lt; n. */
    static void addToRows(float[] v, int vo, float[] y, int yo, int rows, int n) {
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, n)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int o = yo + r * n;
                int j = 0;
                for (; j + L <= n; j += L) VectorLoops.load(y, o + j).add(VectorLoops.load(v, vo + j)).intoArray(y, o + j);
                for (; j < n; j++) y[o + j] += v[vo + j];
            }
        });
    }

    /** out[oo + j] += Σ_r x[xo + r·n + j] for j &lt; n, the rows added in order. */
    static void columnSums(float[] x, int xo, int rows, int n, float[] out, int oo) {
        int units = (n + L - 1) / L;
        int grain = Math.max(1, Math.min(COLUMNS / L, GRAIN / Math.max(1, rows * L)));
        Parallel.range(units, grain, (lo, hi) -> {
            for (int from = lo * L; from < Math.min(hi * L, n); from += COLUMNS) {
                int to = Math.min(Math.min(hi * L, n), from + COLUMNS);
                for (int r = 0; r < rows; r++) {
                    int o = xo + r * n;
                    int j = from;
                    for (; j + L <= to; j += L) VectorLoops.load(out, oo + j).add(VectorLoops.load(x, o + j)).intoArray(out, oo + j);
                    for (; j < to; j++) out[oo + j] += x[o + j];
                }
            }
        });
    }
}
