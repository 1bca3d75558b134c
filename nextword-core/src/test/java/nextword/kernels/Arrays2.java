package nextword.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Test helpers: seeded random arrays and comparisons with a tolerance scaled to each element. */
final class Arrays2 {

    /** The sizes every vector kernel is tried on: around the vector widths (8, 16) and their multiples. */
    static final int[] SIZES = {1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 65, 127, 207, 768};

    /** Unit roundoff of float. */
    static final double U = Math.ulp(1f) / 2;

    private Arrays2() {}

    /** n uniform values in [−scale, scale). */
    static float[] random(SplittableRandom rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        return x;
    }

    /** |expected − actual| ≤ rel·|expected| + abs at every index, else a failure naming the first bad index. */
    static void assertClose(String what, float[] expected, float[] actual, double rel, double abs) {
        if (expected.length != actual.length) fail(what + ": lengths " + expected.length + " vs " + actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i], rel, abs)) {
                fail(what + ": index " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (tolerance " + (rel * Math.abs(expected[i]) + abs) + ")");
            }
        }
    }

    static boolean close(float expected, float actual, double rel, double abs) {
        if (Float.isNaN(expected) || Float.isInfinite(expected)) return Float.compare(expected, actual) == 0;
        return Math.abs((double) expected - actual) <= rel * Math.abs(expected) + abs;
    }

    /** Element-wise absolute values. */
    static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    static float maxAbs(float[] x) {
        float m = 0;
        for (float v : x) m = Math.max(m, Math.abs(v));
        return m;
    }
}
