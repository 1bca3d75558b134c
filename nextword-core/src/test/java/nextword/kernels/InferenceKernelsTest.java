package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PanamaInferenceKernels} against {@link ScalarInferenceKernels}, and both against exact arithmetic, on odd sizes. */
class InferenceKernelsTest {

    private static final InferenceKernels FAST = new PanamaInferenceKernels();
    private static final InferenceKernels SPEC = new ScalarInferenceKernels(FAST.panelWidth());
    private static final int NR = FAST.panelWidth();

    /** Panels of a (k, n) matrix given row-major, built the way the spec reads them. */
    private static MemorySegment panels(float[] w, int k, int n, Arena arena) {
        int panels = (n + NR - 1) / NR;
        MemorySegment s = arena.allocate(4L * panels * k * NR, 64);
        for (int q = 0; q < panels; q++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < NR && q * NR + j < n; j++) s.set(ValueLayout.JAVA_FLOAT, 4L * ((q * k + p) * NR + j), w[p * n + q * NR + j]);
            }
        }
        return s;
    }

    @Test
    void panelProductsAgreeWithTheSpecAndWithExactSums() {
        SplittableRandom rng = new SplittableRandom(1);
        int[][] shapes = {{1, 1}, {3, 47}, {17, 48}, {64, 49}, {31, 97}, {128, 144}, {5, 200}};
        try (Arena arena = Arena.ofShared()) {
            for (int[] kn : shapes) {
                int k = kn[0], n = kn[1];
                float[] w = Arrays2.random(rng, k * n, 1);
                MemorySegment seg = panels(w, k, n, arena);
                for (int m : new int[] {1, 3, 4, 9, 17}) {
                    float[] x = Arrays2.random(rng, m * k, 1);
                    float[] fast = new float[m * n];
                    float[] spec = new float[m * n];
                    FAST.panelMatMul(x, m, seg, k, n, fast);
                    SPEC.panelMatMul(x, m, seg, k, n, spec);
                    double[] exact = new double[m * n];
                    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) exact[i * n + j] += (double) x[i * k + p] * w[p * n + j];
                    for (int i = 0; i < m * n; i++) {
                        double bound = 2 * k * Arrays2.U * k; // |x|, |w| ≤ 1: recursive summation's error bound
                        assertEquals(exact[i], spec[i], bound, "spec " + k + "×" + n + " m=" + m + " at " + i);
                        assertEquals(exact[i], fast[i], bound, "fast " + k + "×" + n + " m=" + m + " at " + i);
                    }
                }
                // matrix-vector over a range of panels: the same FMA chain as the spec, so the same bits
                float[] x = Arrays2.random(rng, k + 3, 1);
                float[] fast = new float[n + 2];
                float[] spec = new float[n + 2];
                int panels = (n + NR - 1) / NR;
                FAST.panelMatVec(seg, k, n, x, 3, fast, 2, 0, panels);
                SPEC.panelMatVec(seg, k, n, x, 3, spec, 2, 0, panels);
                assertArrayEquals(spec, fast, k + "×" + n);
            }
        }
    }

    @Test
    void quantizationRoundsToTheNearestStepOfEachBlock() {
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = Arrays2.random(rng, 96, 3);
        x[40] = 0; // a block with zeros, and one entirely zero
        java.util.Arrays.fill(x, 64, 96, 0f);
        short[] q = new short[96];
        float[] s = new float[3];
        Q8.quantize(x, 0, 96, q, 0, s, 0);
        assertEquals(0f, s[2]);
        for (int i = 0; i < 96; i++) {
            assertTrue(Math.abs(q[i]) <= 127);
            if (s[i / 32] > 0) assertEquals(x[i] / s[i / 32], q[i], 0.5 + 1e-4, "element " + i);
            else assertEquals(0, q[i]);
        }
        for (int b = 0; b < 2; b++) {
            float amax = 0;
            for (int i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(x[b * 32 + i]));
            assertEquals(amax / 127f, s[b]);
        }
        assertThrows(IllegalArgumentException.class, () -> Q8.quantize(x, 0, 33, q, 0, s, 0));
    }

    @Test
    void eightBitProductsAreExactIntegerSumsTimesScales() {
        SplittableRandom rng = new SplittableRandom(3);
        try (Arena arena = Arena.ofShared()) {
            for (int[] kn : new int[][] {{32, 1}, {64, 5}, {96, 33}, {256, 17}, {768, 9}}) {
                int k = kn[0], n = kn[1], blocks = k / 32;
                MemorySegment q = arena.allocate((long) k * n);
                MemorySegment sc = arena.allocate(4L * n * blocks);
                float[] w = Arrays2.random(rng, n * k, 1);
                for (int r = 0; r < n; r++) Q8.quantizeRow(w, r * k, k, q, (long) r * k, sc, 4L * r * blocks);
                // the extremes a file may hold: −128 weights against ±127 activations, pairs of them side by side
                for (int p = 0; p < 8; p++) q.set(ValueLayout.JAVA_BYTE, p, (byte) -128);
                for (int m : new int[] {1, 2, 5, 33}) {
                    float[] x = Arrays2.random(rng, m * k, 2);
                    short[] xq = new short[m * k];
                    float[] xs = new float[m * blocks];
                    for (int i = 0; i < m; i++) Q8.quantize(x, i * k, k, xq, i * k, xs, i * blocks);
                    for (int p = 0; p < 8; p++) xq[p] = (short) (p % 2 == 0 ? 127 : -127);
                    float[] fast = new float[m * n];
                    float[] spec = new float[m * n];
                    FAST.q8MatMul(xq, xs, m, q, sc, k, n, fast);
                    SPEC.q8MatMul(xq, xs, m, q, sc, k, n, spec);
                    for (int i = 0; i < m; i++) {
                        for (int r = 0; r < n; r++) {
                            double exact = 0;
                            for (int b = 0; b < blocks; b++) {
                                long dot = 0;
                                for (int p = b * 32; p < b * 32 + 32; p++) dot += (long) q.get(ValueLayout.JAVA_BYTE, (long) r * k + p) * xq[i * k + p];
                                exact += dot * (double) sc.get(Q8.SCALE, 4L * (r * blocks + b)) * xs[i * blocks + b];
                            }
                            double tol = 1e-5 * Math.max(1, Math.abs(exact)) * blocks;
                            assertEquals(exact, spec[i * n + r], tol, "spec k=" + k + " row " + r);
                            assertEquals(exact, fast[i * n + r], tol, "fast k=" + k + " row " + r);
                        }
                    }
                    // one row at a time: the integer route, bit for bit what a batch of fewer than 32 rows gives
                    float[] single = new float[n];
                    FAST.q8MatVec(q, sc, k, java.util.Arrays.copyOfRange(xq, (m - 1) * k, m * k), java.util.Arrays.copyOfRange(xs, (m - 1) * blocks, m * blocks), single, 0, 0, n);
                    float[] last = java.util.Arrays.copyOfRange(fast, (m - 1) * n, m * n);
                    if (m < 32) assertArrayEquals(last, single);
                    else Arrays2.assertClose("k=" + k + " row by row", last, single, 1e-5, 1e-5);
                }
            }
        }
    }

    @Test
    void eightBitWeightsApproximateTheFloatProduct() {
        SplittableRandom rng = new SplittableRandom(4);
        int k = 512, n = 64, blocks = k / 32;
        try (Arena arena = Arena.ofShared()) {
            float[] w = Arrays2.random(rng, n * k, 1);
            float[] x = Arrays2.random(rng, k, 1);
            MemorySegment q = arena.allocate((long) k * n);
            MemorySegment sc = arena.allocate(4L * n * blocks);
            for (int r = 0; r < n; r++) Q8.quantizeRow(w, r * k, k, q, (long) r * k, sc, 4L * r * blocks);
            short[] xq = new short[k];
            float[] xs = new float[blocks];
            Q8.quantize(x, 0, k, xq, 0, xs, 0);
            float[] y = new float[n];
            FAST.q8MatVec(q, sc, k, xq, xs, y, 0, 0, n);
            float[] row = new float[k];
            for (int r = 0; r < n; r++) {
                double exact = 0;
                for (int p = 0; p < k; p++) exact += (double) w[r * k + p] * x[p];
                // each factor is off by at most half a step of 1/127 of its block's largest value
                assertEquals(exact, y[r], k * (1.0 / 127), "row " + r);
                Q8.dequantizeRow(q, sc, k, r, row, 0);
                for (int p = 0; p < k; p++) assertEquals(w[r * k + p], row[p], 0.5 / 127 + 1e-6);
            }
        }
    }

    @Test
    void cachedAttentionAgreesWithTheSpec() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int hs : new int[] {1, 8, 17, 64}) {
            for (int len : new int[] {1, 2, 15, 16, 17, 63, 64, 65, 130}) {
                int stride = (len + 63) / 64 * 64;
                float[] q = Arrays2.random(rng, hs + 1, 1);
                float[] kT = Arrays2.random(rng, 2 + hs * stride, 1);
                float[] v = Arrays2.random(rng, 3 + len * hs, 1);
                float[] sf = new float[stride + 4];
                float[] ss = new float[stride + 4];
                float[] of = new float[hs + 5];
                float[] os = new float[hs + 5];
                float scale = (float) (1 / Math.sqrt(hs));
                FAST.attend(q, 1, kT, 2, stride, v, 3, len, hs, scale, sf, 4, of, 5);
                SPEC.attend(q, 1, kT, 2, stride, v, 3, len, hs, scale, ss, 4, os, 5);
                float sum = 0;
                for (int s = 0; s < len; s++) sum += sf[4 + s];
                assertEquals(1f, sum, 1e-5, "weights sum to one, hs " + hs + " len " + len);
                Arrays2.assertClose("weights hs " + hs + " len " + len, java.util.Arrays.copyOfRange(ss, 4, 4 + len), java.util.Arrays.copyOfRange(sf, 4, 4 + len), 1e-5, 1e-7);
                Arrays2.assertClose("output hs " + hs + " len " + len, os, of, 1e-5, 1e-6);
            }
        }
    }
}
