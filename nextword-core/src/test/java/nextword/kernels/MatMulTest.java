package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three matmul forms of {@link PanamaKernels} against {@link ScalarKernels}, over awkward shapes. */
class MatMulTest {

    enum Form { AB, ABT, ATB }

    private static final KernelOps SPEC = new ScalarKernels();
    private static final KernelOps FAST = new PanamaKernels(false); // vector code at every size
    private static final int AO = 3, BO = 5, CO = 7; // every call uses offsets and checks the padding survives

    static void run(KernelOps ops, Form f, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
        switch (f) {
            case AB -> ops.matmul(a, AO, b, BO, c, CO, m, k, n, acc);
            case ABT -> ops.matmulTransB(a, AO, b, BO, c, CO, m, k, n, acc);
            case ATB -> ops.matmulTransA(a, AO, b, BO, c, CO, m, k, n, acc);
        }
    }

    /**
     * Both results are within k·u·Σ|a||b| of the exact product (recursive summation's bound), so they are within
     * twice that of each other; a wrong index or a lost block is off by the size of whole terms.
     */
    static void check(Form f, int m, int k, int n, boolean acc, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = Arrays2.random(rng, AO + m * k + 2, 1);
        float[] b = Arrays2.random(rng, BO + k * n + 2, 1);
        float[] c0 = Arrays2.random(rng, CO + m * n + 3, 1);
        float[] expected = c0.clone();
        float[] actual = c0.clone();
        run(SPEC, f, a, b, expected, m, k, n, acc);
        run(FAST, f, a, b, actual, m, k, n, acc);
        float[] bound = new float[CO + m * n + 3];
        run(SPEC, f, Arrays2.abs(a), Arrays2.abs(b), bound, m, k, n, false);
        for (int i = 0; i < actual.length; i++) {
            boolean inside = i >= CO && i < CO + m * n;
            if (!inside) {
                if (Float.compare(c0[i], actual[i]) != 0) fail(f + " " + m + "x" + k + "x" + n + " wrote outside c at " + i);
                continue;
            }
            double tol = 2 * (k + 2) * Arrays2.U * (bound[i] + (acc ? Math.abs(c0[i]) : 0)) + 1e-30;
            if (Math.abs((double) expected[i] - actual[i]) > tol) {
                fail(f + " m=" + m + " k=" + k + " n=" + n + " acc=" + acc + " at (" + (i - CO) / n + "," + (i - CO) % n
                        + "): expected " + expected[i] + " but was " + actual[i] + " (tolerance " + tol + ")");
            }
        }
    }

    @Test
    void awkwardShapesAllFormsWithAndWithoutAccumulate() {
        int[] ms = {1, 2, 3, 7, 8, 9, 17, 65};
        int[] ks = {1, 7, 16, 17, 255, 257, 520};
        int[] ns = {1, 15, 16, 17, 47, 48, 49, 207};
        long seed = 1;
        for (Form f : Form.values()) {
            for (int m : ms) for (int k : ks) for (int n : ns) check(f, m, k, n, (seed & 1) == 0, seed++);
        }
    }

    @Test
    void gpt2ShapesAndBlockBoundaries() {
        int[][] shapes = {
                {64, 768, 96}, {4, 768, 300}, {1, 768, 1000}, {1, 3072, 200}, {3, 768, 100},
                {300, 40, 100},  // more rows than one task takes
                {600, 20, 50},   // more rows than one packed band
                {20, 30, 1700},  // more columns than one task takes
                {33, 513, 97},   // k over two blocks plus a bit
                {90, 90000, 2},  // k so long that the packed band shrinks to 88 rows
        };
        long seed = 100;
        for (Form f : Form.values()) {
            for (int[] s : shapes) {
                check(f, s[0], s[1], s[2], false, seed++);
                check(f, s[0], s[1], s[2], true, seed++);
            }
        }
    }

    /**
     * Each element is one FMA chain over k in order, whatever tile (full or edge) or k-block holds it: a row of
     * the blocked product is bit for bit the matrix-vector product of that row, accumulating or not.
     */
    @Test
    void rowsOfTheBlockedProductEqualTheRowProduct() {
        int m = 11, k = 600, n = 100; // a full and an edge row panel, two full and an edge column panel, three k-blocks
        SplittableRandom rng = new SplittableRandom(7);
        float[] a = Arrays2.random(rng, m * k, 1), b = Arrays2.random(rng, k * n, 1), c0 = Arrays2.random(rng, m * n, 1);
        for (boolean acc : new boolean[]{false, true}) {
            float[] c = c0.clone();
            FAST.matmul(a, 0, b, 0, c, 0, m, k, n, acc);
            for (int i = 0; i < m; i++) {
                float[] row = java.util.Arrays.copyOfRange(c0, i * n, (i + 1) * n);
                FAST.matmul(a, i * k, b, 0, row, 0, 1, k, n, acc);
                assertArrayEquals(row, java.util.Arrays.copyOfRange(c, i * n, (i + 1) * n), "row " + i + " accumulate=" + acc);
            }
        }
    }

    @Test
    void emptyDimensions() {
        for (Form f : Form.values()) {
            float[] c = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            run(FAST, f, new float[8], new float[8], c, 1, 0, 4, true);
            assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, c, f + ": k=0 accumulate leaves c");
            run(FAST, f, new float[8], new float[8], c, 1, 0, 4, false);
            assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 12}, c, f + ": k=0 overwrite zeroes c");
            run(FAST, f, new float[32], new float[32], c, 0, 3, 4, false);
            run(FAST, f, new float[32], new float[32], c, 2, 1, 0, false);
            assertEquals(12f, c[11]);
        }
    }

    @Test
    void badBoundsAreRefusedBeforeAnyWrite() {
        float[] c = new float[10];
        assertThrows(IndexOutOfBoundsException.class, () -> FAST.matmul(new float[5], 0, new float[20], 0, c, 0, 2, 3, 4, false));
        assertThrows(IllegalArgumentException.class, () -> FAST.matmul(new float[5], 0, new float[20], 0, c, 0, -1, 3, 4, false));
        assertArrayEquals(new float[10], c);
    }
}
