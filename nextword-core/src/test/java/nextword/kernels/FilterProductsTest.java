package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The few-filter products agree with their scalar spec on ragged sizes and do not depend on the thread count. */
class FilterProductsTest {

    private static final KernelOps SPEC = new ScalarKernels();

    /** A product's sizes: c (m, n) from A (m, k) and b (k, n). */
    private interface Sizes {
        void check(int m, int k, int n);
    }

    /** Rows and columns off the 4-row and 4-vector tiles, and a case with a long sum. */
    private static void forEachCase(Sizes body) {
        int[][] cases = {{1, 1, 1}, {3, 5, 17}, {4, 7, 64}, {5, 3, 65}, {8, 25, 131}, {9, 2, 200}, {16, 50, 97}};
        for (int[] c : cases) body.check(c[0], c[1], c[2]);
    }

    @Test
    void productMatchesTheSpecForFiltersAndTheirTranspose() {
        SplittableRandom rng = new SplittableRandom(3);
        forEachCase((m, k, n) -> {
            float[] a = Arrays2.random(rng, 2 + m * k, 1);
            float[] b = Arrays2.random(rng, k * n, 1);
            float[] expected = new float[m * n];
            float[] actual = Arrays2.random(rng, m * n, 1); // stale values are overwritten
            SPEC.filterProduct(a, 2, k, 1, b, expected, m, k, n);
            FilterProducts.product(a, 2, k, 1, b, actual, m, k, n);
            Arrays2.assertClose("filters " + m + "×" + k + "×" + n, expected, actual, 1e-5, 4 * k * Arrays2.U);
            // the same A read as the transpose of a (k, m) matrix
            SPEC.filterProduct(a, 2, 1, m, b, expected, m, k, n);
            FilterProducts.product(a, 2, 1, m, b, actual, m, k, n);
            Arrays2.assertClose("transposed " + m + "×" + k + "×" + n, expected, actual, 1e-5, 4 * k * Arrays2.U);
        });
    }

    @Test
    void gradientMatchesTheSpecAndAccumulates() {
        SplittableRandom rng = new SplittableRandom(4);
        forEachCase((m, k, n) -> {
            float[] dy = Arrays2.random(rng, m * n, 1);
            float[] cols = Arrays2.random(rng, k * n, 1);
            float[] expected = Arrays2.random(rng, 1 + m * k, 1);
            float[] actual = expected.clone();
            SPEC.filterGradient(dy, cols, expected, 1, m, k, n);
            FilterProducts.gradient(dy, cols, actual, 1, m, k, n);
            Arrays2.assertClose("gradient " + m + "×" + k + "×" + n, expected, actual, 1e-5, 4 * n * Arrays2.U);
        });
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        SplittableRandom rng = new SplittableRandom(5);
        int m = 8;
        int k = 25;
        int n = 21 * 64 + 5; // enough column tiles and filter blocks that two threads split both products
        float[] w = Arrays2.random(rng, m * k, 1);
        float[] cols = Arrays2.random(rng, k * n, 1);
        float[] dy = Arrays2.random(rng, m * n, 1);
        int before = Parallel.threads();
        float[][] y = new float[2][m * n];
        float[][] dcols = new float[2][k * n];
        float[][] g = new float[2][m * k];
        try {
            for (int t = 0; t < 2; t++) {
                Parallel.setThreads(t + 1);
                FilterProducts.product(w, 0, k, 1, cols, y[t], m, k, n);
                FilterProducts.product(w, 0, 1, k, dy, dcols[t], k, m, n);
                FilterProducts.gradient(dy, cols, g[t], 0, m, k, n);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(y[0], y[1]);
        assertArrayEquals(dcols[0], dcols[1]);
        assertArrayEquals(g[0], g[1]);
    }
}
