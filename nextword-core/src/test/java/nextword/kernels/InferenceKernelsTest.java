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
                // and panel by panel, as the decoding threads take them
                float[] byPanel = new float[n + 2];
                for (int q = panels - 1; q >= 0; q--) FAST.panelMatVec(seg, k, n, x, 3, byPanel, 2, q, q + 1);
                assertArrayEquals(fast, byPanel, k + "×" + n + " panel by panel");
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

    /** An 8-bit matrix of k inputs and n outputs from w (n, k) row-major, in the panels the kernels read. */
    private static MemorySegment[] q8(float[] w, int k, int n, Arena arena) {
        MemorySegment q = arena.allocate(Q8.panels(n) * Q8.panelBytes(k), 64);
        MemorySegment sc = arena.allocate(Q8.panels(n) * Q8.panelScaleBytes(k), 64);
        for (int j = 0; j < n; j++) Q8.quantizeOutput(w, j * k, 1, k, j, q, sc);
        return new MemorySegment[] {q, sc};
    }

    @Test
    void eightBitProductsAreExactIntegerSumsTimesScales() {
        SplittableRandom rng = new SplittableRandom(3);
        try (Arena arena = Arena.ofShared()) {
            for (int[] kn : new int[][] {{32, 1}, {64, 5}, {96, 33}, {256, 17}, {768, 70}}) {
                int k = kn[0], n = kn[1], blocks = k / 32;
                MemorySegment[] m8 = q8(Arrays2.random(rng, n * k, 1), k, n, arena);
                MemorySegment q = m8[0], sc = m8[1];
                // the extremes a file may hold: −128 weights against ±127 activations, side by side
                for (int p = 0; p < 8; p++) q.set(ValueLayout.JAVA_BYTE, Q8.offset(k, p, 0), (byte) -128);
                for (int m : new int[] {1, 2, 5, 33}) {
                    float[] x = Arrays2.random(rng, m * k, 2);
                    short[] xq = new short[m * k];
                    int[] pairs = new int[m * k / 2];
                    float[] xs = new float[m * blocks];
                    for (int i = 0; i < m; i++) Q8.quantize(x, i * k, k, xq, i * k, xs, i * blocks);
                    for (int p = 0; p < 8; p++) xq[p] = (short) (p % 2 == 0 ? 127 : -127);
                    for (int i = 0; i < m; i++) Q8.pairs(xq, i * k, k, pairs, i * k / 2);
                    float[] fast = new float[m * n];
                    float[] spec = new float[m * n];
                    FAST.q8MatMul(xq, pairs, xs, m, q, sc, k, n, fast);
                    SPEC.q8MatMul(xq, pairs, xs, m, q, sc, k, n, spec);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double exact = 0;
                            for (int b = 0; b < blocks; b++) {
                                long dot = 0;
                                for (int p = b * 32; p < b * 32 + 32; p++) dot += (long) q.get(ValueLayout.JAVA_BYTE, Q8.offset(k, p, j)) * xq[i * k + p];
                                exact += dot * (double) sc.get(Q8.SCALE, Q8.scaleOffset(k, b, j)) * xs[i * blocks + b];
                            }
                            double tol = 1e-5 * Math.max(1, Math.abs(exact)) * blocks;
                            assertEquals(exact, spec[i * n + j], tol, "spec k=" + k + " output " + j);
                            assertEquals(exact, fast[i * n + j], tol, "fast k=" + k + " output " + j);
                        }
                    }
                    // below 32 rows both run the integer route: the same operations, so the same bits
                    if (m < 32) assertArrayEquals(spec, fast, "k=" + k + " m=" + m);
                    float[] single = new float[n + 3];
                    FAST.q8MatVec(q, sc, k, n, pairs, (m - 1) * k / 2, xs, (m - 1) * blocks, single, 3, 0, Q8.panels(n));
                    Arrays2.assertClose("k=" + k + " row by row", java.util.Arrays.copyOfRange(fast, (m - 1) * n, m * n),
                            java.util.Arrays.copyOfRange(single, 3, n + 3), m < 32 ? 0 : 1e-5, m < 32 ? 0 : 1e-5);
                    // panel by panel (as threads split it, starting anywhere): panels read in pairs or alone agree
                    float[] pieces = new float[n + 3];
                    for (int panel = 0; panel < Q8.panels(n); panel++) {
                        FAST.q8MatVec(q, sc, k, n, pairs, (m - 1) * k / 2, xs, (m - 1) * blocks, pieces, 3, panel, panel + 1);
                    }
                    assertArrayEquals(single, pieces, "k=" + k + " panel by panel");
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
            MemorySegment[] m8 = q8(w, k, n, arena);
            short[] xq = new short[k];
            int[] pairs = new int[k / 2];
            float[] xs = new float[blocks];
            Q8.quantize(x, 0, k, xq, 0, xs, 0);
            Q8.pairs(xq, 0, k, pairs, 0);
            float[] y = new float[n];
            FAST.q8MatVec(m8[0], m8[1], k, n, pairs, 0, xs, 0, y, 0, 0, Q8.panels(n));
            float[] row = new float[k];
            for (int j = 0; j < n; j++) {
                double exact = 0;
                for (int p = 0; p < k; p++) exact += (double) w[j * k + p] * x[p];
                // each factor is off by at most half a step of 1/127 of its block's largest value
                assertEquals(exact, y[j], k * (1.0 / 127), "output " + j);
                Q8.dequantizeOutput(m8[0], m8[1], k, j, row, 0);
                for (int p = 0; p < k; p++) assertEquals(w[j * k + p], row[p], 0.5 / 127 + 1e-6);
            }
        }
    }

    @Test
    void biasesAddToEveryRowExactly() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int[] shape : new int[][] {{1, 47}, {3, 3072}, {600, 200}}) {
            int rows = shape[0], n = shape[1];
            float[] y = Arrays2.random(rng, rows * n + 3, 2);
            float[] bias = Arrays2.random(rng, n, 2);
            float[] fast = y.clone();
            FAST.addBias(fast, rows, bias, n);
            for (int i = 0; i < y.length; i++) {
                float want = i < rows * n ? y[i] + bias[i % n] : y[i]; // the 3 numbers past the rows stay
                assertEquals(want, fast[i], 0f, "element " + i + " of " + rows + "×" + n);
            }
            float[] spec = y.clone();
            SPEC.addBias(spec, rows, bias, n);
            assertArrayEquals(fast, spec);
        }
    }

    @Test
    void geluIsOneFormulaAtEverySizeAndCloseToTheSpec() {
        SplittableRandom rng = new SplittableRandom(6);
        float[] x = Arrays2.random(rng, 3 * 3072 + 5, 4);
        float[] whole = x.clone();
        FAST.gelu(whole, 0, whole.length); // big enough for parallel chunks
        for (int[] range : new int[][] {{0, 3072}, {3072, 3072}, {6144, 3077}, {17, 1}, {100, 31}}) {
            float[] part = x.clone();
            FAST.gelu(part, range[0], range[1]);
            for (int i = 0; i < x.length; i++) {
                boolean inside = i >= range[0] && i < range[0] + range[1];
                assertEquals(inside ? whole[i] : x[i], part[i], 0f, "element " + i + " of range " + range[0] + "+" + range[1]);
            }
        }
        float[] spec = x.clone();
        SPEC.gelu(spec, 0, spec.length);
        for (int i = 0; i < x.length; i++) assertEquals(spec[i], whole[i], 1e-6f + 1e-5f * Math.abs(spec[i]), "element " + i);
    }

    @Test
    void cachedAttentionAgreesWithTheSpec() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int hs : new int[] {1, 8, 17, 64}) {
            for (int len : new int[] {1, 2, 15, 16, 17, 63, 64, 65, 130}) {
                int stride = (len + 63) / 64 * 64;
                float[] q = Arrays2.random(rng, hs + 1, 1);
                // keys in blocks of 64 positions, each block transposed; the rest of the last block is noise
                float[] kT = Arrays2.random(rng, 2 + hs * stride, 1);
                float[][] k = new float[len][hs];
                for (int s = 0; s < len; s++) for (int d = 0; d < hs; d++) k[s][d] = kT[2 + s / 64 * 64 * hs + d * 64 + s % 64];
                float[] v = Arrays2.random(rng, 3 + len * hs, 1);
                float[] sf = new float[stride + 4];
                float[] ss = new float[stride + 4];
                float[] of = new float[hs + 5];
                float[] os = new float[hs + 5];
                float scale = (float) (1 / Math.sqrt(hs));
                FAST.attend(q, 1, kT, 2, v, 3, len, hs, scale, sf, 4, of, 5);
                SPEC.attend(q, 1, kT, 2, v, 3, len, hs, scale, ss, 4, os, 5);
                double[] expected = new double[len];
                double max = Double.NEGATIVE_INFINITY, total = 0;
                for (int s = 0; s < len; s++) {
                    for (int d = 0; d < hs; d++) expected[s] += (double) q[1 + d] * k[s][d] * scale;
                    max = Math.max(max, expected[s]);
                }
                for (int s = 0; s < len; s++) total += expected[s] = Math.exp(expected[s] - max);
                for (int s = 0; s < len; s++) assertEquals(expected[s] / total, ss[4 + s], 1e-5, "spec weight " + s + ", hs " + hs + " len " + len);
                float sum = 0;
                for (int s = 0; s < len; s++) sum += sf[4 + s];
                assertEquals(1f, sum, 1e-5, "weights sum to one, hs " + hs + " len " + len);
                Arrays2.assertClose("weights hs " + hs + " len " + len, java.util.Arrays.copyOfRange(ss, 4, 4 + len), java.util.Arrays.copyOfRange(sf, 4, 4 + len), 1e-5, 1e-7);
                Arrays2.assertClose("output hs " + hs + " len " + len, os, of, 1e-5, 1e-6);
            }
        }
    }
}
