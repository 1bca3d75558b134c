package nextword.kernels;

import static nextword.kernels.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every parallel kernel gives bit-identical results on 1, 2 and 3 threads (the sizes are big enough to split). */
class ThreadCountTest {

    private static final KernelOps FAST = new PanamaKernels(false); // vector code at every size
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterAll
    static void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    /** Runs the computation once per thread count; every run must produce the same arrays, bit for bit. */
    private static void sameOnEveryThreadCount(String what, Supplier<List<float[]>> computation) {
        Parallel.setThreads(1);
        List<float[]> reference = computation.get();
        for (int threads : new int[]{2, 3}) {
            Parallel.setThreads(threads);
            List<float[]> result = computation.get();
            for (int i = 0; i < reference.size(); i++) {
                assertArrayEquals(reference.get(i), result.get(i), what + " output " + i + " on " + threads + " threads");
            }
        }
    }

    @Test
    void matmulAllFormsAndShapes() {
        int[][] shapes = {{64, 300, 200}, {1, 500, 3000}, {2, 200, 3000}, {300, 70, 100}, {600, 20, 50}, {20, 30, 1700}};
        SplittableRandom rng = new SplittableRandom(11);
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(rng, m * k, 1), b = random(rng, k * n, 1), c0 = random(rng, m * n, 1);
            sameOnEveryThreadCount("matmul " + m + "x" + k + "x" + n, () -> {
                List<float[]> out = new ArrayList<>();
                for (MatMulTest.Form f : MatMulTest.Form.values()) {
                    for (boolean acc : new boolean[]{false, true}) {
                        float[] c = c0.clone();
                        switch (f) {
                            case AB -> FAST.matmul(a, 0, b, 0, c, 0, m, k, n, acc);
                            case ABT -> FAST.matmulTransB(a, 0, b, 0, c, 0, m, k, n, acc);
                            case ATB -> FAST.matmulTransA(a, 0, b, 0, c, 0, m, k, n, acc);
                        }
                        out.add(c);
                    }
                }
                return out;
            });
        }
    }

    @Test
    void elementwiseKernels() {
        int n = 100_003;
        SplittableRandom rng = new SplittableRandom(12);
        float[] x = random(rng, n, 4), y = random(rng, n, 4), g = random(rng, n, 1);
        sameOnEveryThreadCount("element-wise", () -> {
            float[] gelu = new float[n], dgelu = y.clone(), sum = new float[n], scaled = x.clone(), axpy = y.clone();
            FAST.gelu(x, 0, gelu, 0, n);
            FAST.geluBackward(x, 0, y, 0, dgelu, 0, n);
            float[] dgeluInPlace = y.clone();
            FAST.geluGradientInPlace(x, 0, dgeluInPlace, 0, n);
            FAST.add(x, 0, y, 0, sum, 0, n);
            FAST.scale(scaled, 0, 0.7f, n);
            FAST.axpy(0.3f, x, 0, axpy, 0, n);
            float[] p = x.clone(), m = new float[n], v = new float[n];
            FAST.adamw(p, g, m, v, 0, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 1);
            float[] prod = new float[n], sig = new float[n], dsig = y.clone(), xt = new float[n];
            FAST.mul(x, 0, y, 0, prod, 0, n);
            FAST.sigmoid(x, 0, sig, 0, n);
            FAST.sigmoidBackward(sig, 0, y, 0, dsig, 0, n);
            FAST.transpose(x, 0, xt, 0, 331, 302); // 331·302 = 99,962 of the n elements
            return List.of(gelu, dgelu, dgeluInPlace, sum, scaled, axpy, p, m, v, prod, sig, dsig, xt);
        });
    }

    @Test
    void layerNormAndCrossEntropy() {
        SplittableRandom rng = new SplittableRandom(13);
        int rows = 100, c = 768, v = 50257, ceRows = 5;
        float[] x = random(rng, rows * c, 2), gamma = random(rng, c, 1), beta = random(rng, c, 1), dout = random(rng, rows * c, 1);
        float[] logits = random(rng, ceRows * v, 8);
        int[] targets = {5, 50256, -1, 0, 1234};
        sameOnEveryThreadCount("layerNorm and crossEntropy", () -> {
            float[] out = new float[rows * c], mean = new float[rows], rstd = new float[rows];
            FAST.layerNorm(x, out, mean, rstd, gamma, beta, rows, c, 1e-5f);
            float[] dx = new float[rows * c], dgamma = new float[c], dbeta = new float[c];
            FAST.layerNormBackward(dout, x, mean, rstd, gamma, dx, dgamma, dbeta, rows, c);
            float[] losses = new float[ceRows], dlogits = new float[ceRows * v];
            FAST.crossEntropy(logits, targets, losses, dlogits, 0.2f, ceRows, v);
            return List.of(out, mean, rstd, dx, dgamma, dbeta, losses, dlogits);
        });
    }

    @Test
    void rowBroadcastAndColumnSums() {
        SplittableRandom rng = new SplittableRandom(15);
        int rows = 300, n = 1001;
        float[] v = random(rng, n, 1), x = random(rng, rows * n, 2);
        sameOnEveryThreadCount("rows", () -> {
            float[] y = x.clone(), sums = v.clone();
            FAST.addToRows(v, 0, y, 0, rows, n);
            FAST.columnSums(x, 0, rows, n, sums, 0);
            return List.of(y, sums);
        });
    }

    @Test
    void attention() {
        SplittableRandom rng = new SplittableRandom(14);
        int b = 2, t = 67, c = 80, nh = 1; // head size 80: a 64-wide tile and a 16-wide one
        float[] qkv = random(rng, b * t * 3 * c, 2), dout = random(rng, b * t * c, 1);
        sameOnEveryThreadCount("attention", () -> {
            float[] out = new float[b * t * c], att = new float[b * nh * t * t], dqkv = new float[b * t * 3 * c];
            FAST.attention(qkv, out, att, b, t, c, nh);
            FAST.attentionBackward(dout, qkv, att, dqkv, b, t, c, nh);
            return List.of(out, att, dqkv);
        });
    }
}
