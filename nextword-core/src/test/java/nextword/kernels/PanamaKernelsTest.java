package nextword.kernels;

import static nextword.kernels.Arrays2.SIZES;
import static nextword.kernels.Arrays2.U;
import static nextword.kernels.Arrays2.assertClose;
import static nextword.kernels.Arrays2.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every non-matmul kernel of {@link PanamaKernels} against {@link ScalarKernels}, on every size in SIZES. */
class PanamaKernelsTest {

    private static final KernelOps SPEC = new ScalarKernels();
    private static final KernelOps FAST = new PanamaKernels(false); // vector code at every size
    private static final int OFF = 5; // offsets exercise unaligned starts

    @Test
    void smallProblemsRunTheSpecificationItself() {
        KernelOps usual = new PanamaKernels();
        SplittableRandom rng = new SplittableRandom(10);
        float[] x = random(rng, 300, 3);
        float[] s = new float[300], f = new float[300];
        SPEC.gelu(x, 0, s, 0, 300);
        usual.gelu(x, 0, f, 0, 300);
        assertArrayEquals(s, f);
        float[] a = random(rng, 30 * 40, 1), b = random(rng, 40 * 20, 1);
        float[] cs = new float[30 * 20], cf = new float[30 * 20];
        SPEC.matmul(a, 0, b, 0, cs, 0, 30, 40, 20, false);
        usual.matmul(a, 0, b, 0, cf, 0, 30, 40, 20, false);
        assertArrayEquals(cs, cf);
    }

    @Test
    void nameSaysVectorWidth() {
        assertTrue(FAST.name().matches("panama\\(\\d+-bit\\)"), FAST.name());
    }

    @Test
    void dotSumMax() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : SIZES) {
            float[] a = random(rng, n + OFF, 2), b = random(rng, n + OFF, 2);
            double absDot = 0, absSum = 0;
            for (int i = OFF; i < n + OFF; i++) {
                absDot += Math.abs(a[i] * b[i]);
                absSum += Math.abs(a[i]);
            }
            // k-aware: both within n·u·Σ|terms| of the exact value
            assertEquals(SPEC.dot(a, OFF, b, OFF, n), FAST.dot(a, OFF, b, OFF, n), 2 * (n + 2) * U * absDot, "dot n=" + n);
            assertEquals(SPEC.sum(a, OFF, n), FAST.sum(a, OFF, n), 2 * (n + 2) * U * absSum, "sum n=" + n);
            assertEquals(SPEC.max(a, OFF, n), FAST.max(a, OFF, n), "max n=" + n);
        }
        float[] x = {1, Float.NEGATIVE_INFINITY, -3, 7, 7, -1e30f, 0};
        assertEquals(7f, FAST.max(x, 0, x.length));
        assertEquals(Float.NEGATIVE_INFINITY, FAST.max(x, 1, 1));
    }

    @Test
    void axpyScaleAdd() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int n : SIZES) {
            float[] x = random(rng, n + OFF, 3), y = random(rng, n + OFF, 3);
            float[] ys = y.clone(), yf = y.clone();
            SPEC.axpy(-1.7f, x, OFF, ys, 1, n);
            FAST.axpy(-1.7f, x, OFF, yf, 1, n);
            assertClose("axpy n=" + n, ys, yf, 2 * U, 1e-6);
            float[] xs = x.clone(), xf = x.clone();
            SPEC.scale(xs, 2, 0.3f, n);
            FAST.scale(xf, 2, 0.3f, n);
            assertArrayEquals(xs, xf, "scale n=" + n);
            float[] os = y.clone(), of = y.clone();
            SPEC.add(x, OFF, y, 0, os, 1, n);
            FAST.add(x, OFF, y, 0, of, 1, n);
            assertArrayEquals(os, of, "add n=" + n);
            FAST.add(yf, OFF, x, OFF, yf, OFF, n); // out aliasing a
            SPEC.add(ys, OFF, x, OFF, ys, OFF, n);
            assertClose("add aliased n=" + n, ys, yf, 4 * U, 1e-6);
        }
    }

    /** Ordinary, huge (±1e4), tiny, zero and −∞-masked rows: every softmax-based kernel must stay finite and agree. */
    static float[][] hardRows(SplittableRandom rng, int n) {
        float[] plain = random(rng, n, 5);
        float[] huge = random(rng, n, 1e4);
        float[] tiny = random(rng, n, 1e-30);
        float[] zeros = new float[n];
        float[] masked = random(rng, n, 3);
        for (int i = 1; i < n; i += 2) masked[i] = Float.NEGATIVE_INFINITY; // index 0 always stays finite
        return new float[][]{plain, huge, tiny, zeros, masked};
    }

    @Test
    void softmaxAndLogSoftmax() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : SIZES) {
            for (float[] row : hardRows(rng, n)) {
                float[] x = new float[n + OFF];
                System.arraycopy(row, 0, x, OFF, n);
                float[] s = x.clone(), f = x.clone();
                SPEC.softmax(s, OFF, n);
                FAST.softmax(f, OFF, n);
                assertClose("softmax n=" + n, s, f, 1e-5, 1e-7);
                float[] ls = new float[n + 1], lf = new float[n + 1];
                SPEC.logSoftmax(x, OFF, ls, 1, n);
                FAST.logSoftmax(x, OFF, lf, 1, n);
                // log Z near a logit of 1e4 is only known to an ulp of 1e4
                assertClose("logSoftmax n=" + n, ls, lf, 1e-6, 1e-5 + 2 * Math.ulp(Arrays2.maxAbs(row)));
            }
        }
        float[] x = {3, 1, 2};
        FAST.logSoftmax(x, 0, x, 0, 3); // out aliasing x
        assertEquals(-0.40760596, x[0], 1e-6);
    }

    @Test
    void crossEntropyOverHardRowsAndIgnoredTargets() {
        SplittableRandom rng = new SplittableRandom(4);
        int[] vs = {1, 2, 3, 7, 16, 17, 33, 127, 768, 50257};
        for (int v : vs) {
            float[][] hard = hardRows(rng, v);
            int rows = hard.length + 1;
            float[] logits = new float[rows * v];
            for (int r = 0; r < hard.length; r++) System.arraycopy(hard[r], 0, logits, r * v, v);
            int[] targets = new int[rows];
            for (int r = 0; r < rows; r++) targets[r] = (r == 4) ? 0 : rng.nextInt(v); // row 4 is masked: target the finite logit
            targets[rows - 1] = -1;
            float[] ls = new float[rows], lf = new float[rows];
            float[] ds = new float[rows * v], df = random(rng, rows * v, 1); // overwritten, not accumulated
            SPEC.crossEntropy(logits, targets, ls, ds, 0.25f, rows, v);
            FAST.crossEntropy(logits, targets, lf, df, 0.25f, rows, v);
            assertClose("crossEntropy loss v=" + v, ls, lf, 1e-5, 1e-5 + 2 * Math.ulp(1e4f));
            assertClose("crossEntropy dlogits v=" + v, ds, df, 1e-4, 1e-7);
            float[] lossOnly = new float[rows];
            FAST.crossEntropy(logits, targets, lossOnly, null, 1f, rows, v);
            assertArrayEquals(lf, lossOnly);
        }
        assertThrows(IllegalArgumentException.class,
                () -> FAST.crossEntropy(new float[6], new int[]{0, 3}, new float[2], null, 1f, 2, 3));
    }

    @Test
    void layerNormForwardAndBackward() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int c : SIZES) {
            int rows = c < 100 ? 70 : 3; // 70: more than one block of rows in the backward pass's sums
            float[] x = random(rng, rows * c, 2);
            x[0] += 50; // a row with a large mean
            float[] gamma = random(rng, c, 1.5), beta = random(rng, c, 1);
            float[] os = new float[rows * c], of = new float[rows * c];
            float[] ms = new float[rows], mf = new float[rows], rs = new float[rows], rf = new float[rows];
            SPEC.layerNorm(x, os, ms, rs, gamma, beta, rows, c, 1e-5f);
            FAST.layerNorm(x, of, mf, rf, gamma, beta, rows, c, 1e-5f);
            assertClose("layerNorm mean c=" + c, ms, mf, 1e-5, 1e-6);
            assertClose("layerNorm rstd c=" + c, rs, rf, 1e-4, 1e-6);
            assertClose("layerNorm out c=" + c, os, of, 1e-4, 1e-4);

            float[] dout = random(rng, rows * c, 1);
            float[] dx0 = random(rng, rows * c, 1), dg0 = random(rng, c, 1), db0 = random(rng, c, 1);
            float[] dxs = dx0.clone(), dgs = dg0.clone(), dbs = db0.clone();
            float[] dxf = dx0.clone(), dgf = dg0.clone(), dbf = db0.clone();
            SPEC.layerNormBackward(dout, x, ms, rs, gamma, dxs, dgs, dbs, rows, c);
            FAST.layerNormBackward(dout, x, ms, rs, gamma, dxf, dgf, dbf, rows, c);
            double scale = 1e-5 * (1 + Arrays2.maxAbs(rs));
            assertClose("layerNorm dx c=" + c, dxs, dxf, 1e-4, scale);
            assertClose("layerNorm dgamma c=" + c, dgs, dgf, 1e-5, 1e-5);
            assertClose("layerNorm dbeta c=" + c, dbs, dbf, 1e-5, 1e-5);
        }
    }

    @Test
    void geluForwardAndBackward() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int n : SIZES) {
            float[] x = random(rng, n + OFF, 6);
            float[] extremes = {0f, -0f, 1e-30f, -1e-30f, 1e4f, -1e4f, 30f, -30f, 1e20f, -1e20f, 3.5f};
            for (int i = 0; i < Math.min(n, extremes.length); i++) x[OFF + i % n] = extremes[i];
            float[] os = new float[n + 2], of = new float[n + 2];
            SPEC.gelu(x, OFF, os, 2, n);
            FAST.gelu(x, OFF, of, 2, n);
            assertClose("gelu n=" + n, os, of, 1e-5, 1e-6);
            float[] dout = random(rng, n, 2);
            float[] d0 = random(rng, n + 1, 1);
            float[] ds = d0.clone(), df = d0.clone();
            SPEC.geluBackward(x, OFF, dout, 0, ds, 1, n);
            FAST.geluBackward(x, OFF, dout, 0, df, 1, n);
            assertClose("geluBackward n=" + n, ds, df, 1e-5, 1e-5);
            float[] gs = dout.clone(), gf = dout.clone();
            SPEC.geluGradientInPlace(x, OFF, gs, 0, n);
            FAST.geluGradientInPlace(x, OFF, gf, 0, n);
            assertClose("geluGradientInPlace n=" + n, gs, gf, 1e-5, 1e-5);
        }
        float[] y = {1f, -2f};
        FAST.gelu(y, 0, y, 0, 2); // out aliasing x
        assertEquals(0.8411920f, y[0], 1e-6);
    }

    @Test
    void embeddings() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int c : SIZES) {
            int vocab = 11;
            float[] table = random(rng, vocab * c, 1);
            int[] ids = {3, 0, 10, 3, 3, 7};
            float[] gs = new float[ids.length * c], gf = new float[ids.length * c];
            SPEC.embeddingGather(table, ids, gs, c);
            FAST.embeddingGather(table, ids, gf, c);
            assertArrayEquals(gs, gf);
            float[] dout = random(rng, ids.length * c, 1);
            float[] ts = table.clone(), tf = table.clone();
            SPEC.embeddingScatterAdd(ts, ids, dout, c);
            FAST.embeddingScatterAdd(tf, ids, dout, c);
            assertArrayEquals(ts, tf, "scatter-add c=" + c);
        }
    }

    @Test
    void adamwRoundsExactlyLikeTheSpec() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int n : SIZES) {
            float[] p = random(rng, n + OFF, 1), g = random(rng, n + OFF, 1);
            float[] m = random(rng, n + OFF, 0.1), v = Arrays2.abs(random(rng, n + OFF, 0.01));
            float[] ps = p.clone(), ms = m.clone(), vs = v.clone();
            float[] pf = p.clone(), mf = m.clone(), vf = v.clone();
            for (int t = 1; t <= 3; t++) {
                SPEC.adamw(ps, g, ms, vs, OFF, n, 6e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, t);
                FAST.adamw(pf, g, mf, vf, OFF, n, 6e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, t);
            }
            assertArrayEquals(ps, pf, "p n=" + n);
            assertArrayEquals(ms, mf, "m n=" + n);
            assertArrayEquals(vs, vf, "v n=" + n);
        }
    }

    @Test
    void rowBroadcastAndColumnSums() {
        SplittableRandom rng = new SplittableRandom(16);
        for (int n : SIZES) {
            for (int rows : new int[]{1, 3, 17, 150}) { // 150: the column sums add blocks of rows
                String at = " rows=" + rows + " n=" + n;
                float[] v = random(rng, n + OFF, 1), x = random(rng, rows * n + OFF, 3), out0 = random(rng, n + OFF, 1);
                float[] ys = x.clone(), yf = x.clone();
                SPEC.addToRows(v, OFF, ys, OFF, rows, n);
                FAST.addToRows(v, OFF, yf, OFF, rows, n);
                assertArrayEquals(ys, yf, "addToRows" + at);
                float[] ss = out0.clone(), sf = out0.clone();
                SPEC.columnSums(x, OFF, rows, n, ss, OFF);
                FAST.columnSums(x, OFF, rows, n, sf, OFF);
                assertClose("columnSums" + at, ss, sf, 1e-5, 1e-5 * rows);
            }
        }
    }

    @Test
    void attentionForwardAndBackward() {
        SplittableRandom rng = new SplittableRandom(9);
        // {b, t, c, heads}: head sizes 1, 3, 4, 16, 18, 32, 64; t below, at and past whole vectors and score tiles
        int[][] shapes = {{1, 1, 8, 2}, {2, 3, 8, 2}, {2, 7, 48, 3}, {1, 17, 72, 4}, {2, 33, 32, 1}, {1, 65, 128, 2},
                {1, 17, 3, 3}, {1, 65, 9, 3}, {1, 3, 128, 2}, {1, 70, 64, 1}};
        for (int[] s : shapes) {
            int b = s[0], t = s[1], c = s[2], nh = s[3];
            String what = "attention b=" + b + " t=" + t + " c=" + c + " nh=" + nh;
            float[] qkv = random(rng, b * t * 3 * c, 2);
            float[] outS = new float[b * t * c], outF = random(rng, b * t * c, 1);
            float[] attS = new float[b * nh * t * t], attF = random(rng, b * nh * t * t, 1);
            SPEC.attention(qkv, outS, attS, b, t, c, nh);
            FAST.attention(qkv, outF, attF, b, t, c, nh);
            assertClose(what + " att", attS, attF, 1e-4, 1e-6);
            assertClose(what + " out", outS, outF, 1e-4, 1e-5);

            float[] dout = random(rng, b * t * c, 1);
            float[] d0 = random(rng, b * t * 3 * c, 1);
            float[] ds = d0.clone(), df = d0.clone();
            SPEC.attentionBackward(dout, qkv, attS, ds, b, t, c, nh);
            FAST.attentionBackward(dout, qkv, attS, df, b, t, c, nh);
            assertClose(what + " dqkv", ds, df, 1e-4, 1e-5 * Math.max(1, t));
        }
        assertThrows(IllegalArgumentException.class, () -> FAST.attention(new float[30], new float[10], new float[4], 1, 2, 5, 2));
    }

    @Test
    void autogradPointwiseOps() {
        SplittableRandom rng = new SplittableRandom(15);
        for (int n : SIZES) {
            String at = " n=" + n;
            float[] a = random(rng, n + OFF, 3), b = random(rng, n + OFF, 3), d0 = random(rng, n + 1, 1);
            a[OFF] = 0f; // relu's kink
            float[] s = new float[n + 1], f = new float[n + 1];
            SPEC.mul(a, OFF, b, 0, s, 1, n);
            FAST.mul(a, OFF, b, 0, f, 1, n);
            assertArrayEquals(s, f, "mul" + at);
            s = d0.clone();
            f = d0.clone();
            SPEC.mulAccumulate(a, OFF, b, 0, s, 1, n);
            FAST.mulAccumulate(a, OFF, b, 0, f, 1, n);
            assertArrayEquals(s, f, "mulAccumulate" + at);
            s = a.clone();
            f = a.clone();
            SPEC.addScalar(s, 2, -0.75f, n);
            FAST.addScalar(f, 2, -0.75f, n);
            assertArrayEquals(s, f, "addScalar" + at);
            s = new float[n];
            f = new float[n];
            SPEC.relu(a, OFF, s, 0, n);
            FAST.relu(a, OFF, f, 0, n);
            assertArrayEquals(s, f, "relu" + at);
            SPEC.sigmoid(a, OFF, s, 0, n);
            FAST.sigmoid(a, OFF, f, 0, n);
            assertClose("sigmoid" + at, s, f, 1e-6, 1e-7);
            float[] y = s.clone(), t = new float[n];
            SPEC.tanh(a, OFF, t, 0, n);
            // backward passes accumulate onto d0; those without a reduction round exactly like the spec
            String[] names = {"reluBackward", "sigmoidBackward", "tanhBackward", "softmaxBackward", "logSoftmaxBackward"};
            for (String name : names) {
                s = d0.clone();
                f = d0.clone();
                for (KernelOps ops : new KernelOps[]{SPEC, FAST}) {
                    float[] dx = ops == SPEC ? s : f;
                    switch (name) {
                        case "reluBackward" -> ops.reluBackward(a, OFF, b, OFF, dx, 1, n);
                        case "sigmoidBackward" -> ops.sigmoidBackward(y, 0, b, OFF, dx, 1, n);
                        case "tanhBackward" -> ops.tanhBackward(t, 0, b, OFF, dx, 1, n);
                        case "softmaxBackward" -> ops.softmaxBackward(y, 0, b, OFF, dx, 1, n);
                        default -> ops.logSoftmaxBackward(a, OFF, b, OFF, dx, 1, n);
                    }
                }
                if (name.startsWith("softmax") || name.startsWith("log")) {
                    assertClose(name + at, s, f, 1e-5, 2 * (n + 2) * U * 10);
                } else {
                    assertArrayEquals(s, f, name + at);
                }
            }
        }
    }

    @Test
    void transposeAllShapes() {
        SplittableRandom rng = new SplittableRandom(16);
        int[] dims = {1, 3, 15, 16, 17, 33, 64, 70};
        for (int rows : dims) {
            for (int cols : dims) {
                float[] a = random(rng, rows * cols + OFF, 1);
                float[] s = new float[rows * cols + 2], f = new float[rows * cols + 2];
                SPEC.transpose(a, OFF, s, 2, rows, cols);
                FAST.transpose(a, OFF, f, 2, rows, cols);
                assertArrayEquals(s, f, "transpose " + rows + "x" + cols);
            }
        }
    }
}
