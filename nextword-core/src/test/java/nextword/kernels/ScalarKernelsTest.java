package nextword.kernels;

import static nextword.kernels.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The specification checked against itself: the matmul forms agree through explicit transposes, and every
 * backward pass matches central finite differences of its forward pass (in double, of the float code, with
 * a step of 1e-2 on small inputs, so a loose 1e-2 relative tolerance).
 */
class ScalarKernelsTest {

    private static final ScalarKernels SPEC = new ScalarKernels();
    private static final double H = 1e-2;

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] y = new float[x.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) y[j * rows + i] = x[i * cols + j];
        return y;
    }

    @Test
    void matmulFormsAgreeThroughTransposes() {
        SplittableRandom rng = new SplittableRandom(21);
        int m = 5, k = 7, n = 3;
        float[] a = random(rng, m * k, 1), b = random(rng, k * n, 1);
        float[] ab = new float[m * n], abt = new float[m * n], atb = new float[m * n];
        SPEC.matmul(a, 0, b, 0, ab, 0, m, k, n, false);
        SPEC.matmulTransB(a, 0, transpose(b, k, n), 0, abt, 0, m, k, n, false);
        SPEC.matmulTransA(transpose(a, m, k), 0, b, 0, atb, 0, m, k, n, false);
        assertArrayEquals(ab, abt);
        assertArrayEquals(ab, atb);
        assertEquals(SPEC.dot(a, 0, b, 0, k), a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3] + a[4] * b[4]
                + a[5] * b[5] + a[6] * b[6], 1e-6);
    }

    /** Checks analytic[i] against (f(x + h e_i) − f(x − h e_i)) / 2h for every i. */
    private static void finiteDifferences(String what, float[] x, float[] analytic, ToDoubleFunction<float[]> f) {
        for (int i = 0; i < x.length; i++) {
            float saved = x[i];
            x[i] = (float) (saved + H);
            double up = f.applyAsDouble(x);
            x[i] = (float) (saved - H);
            double down = f.applyAsDouble(x);
            x[i] = saved;
            double numeric = (up - down) / (2 * H);
            if (Math.abs(numeric - analytic[i]) > 1e-2 * Math.abs(numeric) + 2e-3) {
                fail(what + " at " + i + ": finite differences " + numeric + ", backward " + analytic[i]);
            }
        }
    }

    private static double weighted(float[] out, float[] w) {
        double s = 0;
        for (int i = 0; i < out.length; i++) s += (double) out[i] * w[i];
        return s;
    }

    @Test
    void columnSumsAddEveryRowToWhatWasThere() {
        float[] x = {1, 2, 3, 10, 20, 30}; // 2 rows of 3
        float[] sums = {100, 0, -1};
        SPEC.columnSums(x, 0, 2, 3, sums, 0);
        assertArrayEquals(new float[]{111, 22, 32}, sums);
        float[] y = x.clone();
        SPEC.addToRows(new float[]{0, 1, 2, 3}, 1, y, 0, 2, 3);
        assertArrayEquals(new float[]{2, 4, 6, 11, 22, 33}, y);
    }

    @Test
    void geluBackwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(22);
        int n = 9;
        float[] x = random(rng, n, 3), w = random(rng, n, 1);
        float[] dx = new float[n];
        SPEC.geluBackward(x, 0, w, 0, dx, 0, n);
        finiteDifferences("gelu", x, dx, xs -> {
            float[] out = new float[n];
            SPEC.gelu(xs, 0, out, 0, n);
            return weighted(out, w);
        });
        float[] inPlace = w.clone();
        SPEC.geluGradientInPlace(x, 0, inPlace, 0, n);
        assertArrayEquals(dx, inPlace, "in place = accumulated into zeros");
    }

    @Test
    void layerNormBackwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(23);
        int rows = 2, c = 5;
        float[] x = random(rng, rows * c, 1), gamma = random(rng, c, 1), beta = random(rng, c, 1), w = random(rng, rows * c, 1);
        float[] out = new float[rows * c], mean = new float[rows], rstd = new float[rows];
        SPEC.layerNorm(x, out, mean, rstd, gamma, beta, rows, c, 1e-5f);
        float[] dx = new float[rows * c], dgamma = new float[c], dbeta = new float[c];
        SPEC.layerNormBackward(w, x, mean, rstd, gamma, dx, dgamma, dbeta, rows, c);
        ToDoubleFunction<float[]> loss = ignored -> {
            float[] o = new float[rows * c];
            SPEC.layerNorm(x, o, new float[rows], new float[rows], gamma, beta, rows, c, 1e-5f);
            return weighted(o, w);
        };
        finiteDifferences("layerNorm dx", x, dx, loss);
        finiteDifferences("layerNorm dgamma", gamma, dgamma, loss);
        finiteDifferences("layerNorm dbeta", beta, dbeta, loss);
    }

    @Test
    void attentionBackwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(24);
        int b = 2, t = 3, c = 4, nh = 2;
        float[] qkv = random(rng, b * t * 3 * c, 1), w = random(rng, b * t * c, 1);
        float[] out = new float[b * t * c], att = new float[b * nh * t * t];
        SPEC.attention(qkv, out, att, b, t, c, nh);
        float[] dqkv = new float[qkv.length];
        SPEC.attentionBackward(w, qkv, att, dqkv, b, t, c, nh);
        finiteDifferences("attention", qkv, dqkv, xs -> {
            float[] o = new float[b * t * c];
            SPEC.attention(xs, o, new float[b * nh * t * t], b, t, c, nh);
            return weighted(o, w);
        });
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(25);
        int rows = 3, v = 6;
        float[] logits = random(rng, rows * v, 2);
        int[] targets = {2, -1, 5};
        float[] losses = new float[rows], dlogits = new float[rows * v];
        SPEC.crossEntropy(logits, targets, losses, dlogits, 1f / 2, rows, v);
        assertEquals(0f, losses[1]);
        finiteDifferences("crossEntropy", logits, dlogits, xs -> {
            float[] l = new float[rows];
            SPEC.crossEntropy(xs, targets, l, null, 1f, rows, v);
            return (l[0] + l[1] + l[2]) / 2.0;
        });
    }

    @Test
    void softmaxIsAProbabilityAndLogSoftmaxItsLog() {
        float[] x = {2, -1, 3, Float.NEGATIVE_INFINITY, 0};
        float[] p = x.clone();
        SPEC.softmax(p, 0, x.length);
        assertEquals(1.0, p[0] + p[1] + p[2] + p[3] + p[4], 1e-6);
        float[] lp = new float[x.length];
        SPEC.logSoftmax(x, 0, lp, 0, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(Math.log(p[i]), lp[i], 1e-6);
        float[] huge = {1e4f, -1e4f};
        SPEC.logSoftmax(huge, 0, huge, 0, 2); // where softmax underflows to 0, its log stays finite
        assertArrayEquals(new float[]{0f, -2e4f}, huge);
    }
}
