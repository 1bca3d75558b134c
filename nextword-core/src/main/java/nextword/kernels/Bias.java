package nextword.kernels;

/**
 * A vector added to every row of a batch (a layer's bias, the position embeddings), and its gradient: the
 * batch's column sums. One call for the whole batch instead of one per row, split over threads.
 *
 * <p>Results never depend on the thread count: the broadcast touches each element once, and the column sums
 * add fixed blocks of rows (see {@link #columnSums}).
 */
final class Bias {

    /**
     * Floats per parallel task at least: one add per float loaded, so a task must be long enough to pay for
     * waking a second thread (GPT-2's 256 × 768 biases run on one).
     */
    private static final int GRAIN = 256 * 1024;
    /** Rows per block of the column sums. */
    private static final int ROWS = 64;
    /** The caller's block sums, kept between calls so that a training step allocates nothing. */
    private static final Scratch PARTIAL = new Scratch();

    private Bias() {}

    /** y[yo + r·n + j] += v[vo + j] for r &lt; rows, j &lt; n. */
    static void addToRows(float[] v, int vo, float[] y, int yo, int rows, int n) {
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, n)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) Elementwise.addRange(y, yo + r * n, v, vo, y, yo + r * n, 0, n);
        });
    }

    /**
     * out[oo + j] += Σ_r x[xo + r·n + j] for j &lt; n. Rows are summed in fixed blocks of {@value #ROWS}, each
     * block streaming its rows in order into its own partial sum, then the partials are added to out in block
     * order: every thread reads whole rows front to back, and the blocks depend on the row count alone.
     */
    static void columnSums(float[] x, int xo, int rows, int n, float[] out, int oo) {
        int blocks = (rows + ROWS - 1) / ROWS;
        if (blocks == 1) {
            addRows(x, xo, 0, rows, n, out, oo);
            return;
        }
        float[] partial = PARTIAL.zeroed(blocks * n);
        Parallel.range(blocks, Math.max(1, GRAIN / Math.max(1, ROWS * n)),
                (lo, hi) -> {
                    for (int blk = lo; blk < hi; blk++) addRows(x, xo, blk * ROWS, Math.min(rows, (blk + 1) * ROWS), n, partial, blk * n);
                });
        addRows(partial, 0, 0, blocks, n, out, oo);
    }

    /** sum[so + j] += x[xo + r·n + j] for rows r in [from, to), in order. */
    private static void addRows(float[] x, int xo, int from, int to, int n, float[] sum, int so) {
        for (int r = from; r < to; r++) Elementwise.addRange(sum, so, x, xo + r * n, sum, so, 0, n);
    }
}
