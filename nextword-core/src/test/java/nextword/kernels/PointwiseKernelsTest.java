package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The element-wise kernels autograd added, checked against their definitions in double, at odd sizes and
 * non-zero offsets, on the implementation in use.
 */
class PointwiseKernelsTest {

    private static final KernelOps K = Kernels.ops();
    private static final int[] SIZES = {1, 3, 17, 65};
    private static final int OFF = 2;

    private static float[] random(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[n + OFF];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rng.nextDouble() * 4 - 2);
        return a;
    }

    /** out = f(x) at offsets, then dx (starting from 1) += f'(x)·dout, read from x or from the output. */
    private static void checkUnary(String name, UnaryKernel forward, BackwardKernel backward, boolean fromOutput,
                                   DoubleUnaryOperator f, DoubleUnaryOperator df) {
        for (int n : SIZES) {
            float[] x = random(n, n);
            float[] dout = random(n + 100, n);
            float[] out = new float[n + OFF];
            forward.run(x, OFF, out, OFF, n);
            float[] dx = new float[n + OFF];
            java.util.Arrays.fill(dx, 1f);
            backward.run(fromOutput ? out : x, OFF, dout, OFF, dx, OFF, n);
            for (int i = 0; i < n; i++) {
                double v = x[OFF + i];
                assertEquals(f.applyAsDouble(v), out[OFF + i], 1e-6, name + " n=" + n);
                assertEquals(1 + df.applyAsDouble(v) * dout[OFF + i], dx[OFF + i], 1e-5, name + "' n=" + n);
            }
            assertEquals(1f, dx[0], name + " wrote before its offset");
        }
    }

    interface UnaryKernel {
        void run(float[] x, int xo, float[] out, int oo, int n);
    }

    interface BackwardKernel {
        void run(float[] s, int so, float[] dout, int doo, float[] dx, int dxo, int n);
    }

    @Test
    void activations() {
        checkUnary("relu", K::relu, K::reluBackward, false, v -> Math.max(0, v), v -> v > 0 ? 1 : 0);
        checkUnary("tanh", K::tanh, K::tanhBackward, true, Math::tanh, v -> 1 - Math.tanh(v) * Math.tanh(v));
        checkUnary("sigmoid", K::sigmoid, K::sigmoidBackward, true,
                v -> 1 / (1 + Math.exp(-v)), v -> Math.exp(-v) / ((1 + Math.exp(-v)) * (1 + Math.exp(-v))));
    }

    @Test
    void products() {
        for (int n : SIZES) {
            float[] a = random(1, n);
            float[] b = random(2, n);
            float[] out = new float[n + OFF];
            K.mul(a, OFF, b, OFF, out, OFF, n);
            float[] acc = random(3, n);
            float[] before = acc.clone();
            K.mulAccumulate(a, OFF, b, OFF, acc, OFF, n);
            K.addScalar(before, OFF, 0.5f, n);
            for (int i = OFF; i < n + OFF; i++) {
                assertEquals((double) a[i] * b[i], out[i], 1e-6);
                assertEquals(before[i] - 0.5f + a[i] * b[i], acc[i], 1e-5);
            }
        }
    }

    @Test
    void softmaxBackwardsAreTheJacobianTimesTheGradient() {
        for (int n : SIZES) {
            float[] y = random(4, n);
            K.softmax(y, OFF, n);
            float[] dy = random(5, n);
            float[] dx = new float[n + OFF];
            K.softmaxBackward(y, OFF, dy, OFF, dx, OFF, n);
            float[] logY = random(6, n);
            K.logSoftmax(logY, OFF, logY, OFF, n);
            float[] dlx = new float[n + OFF];
            K.logSoftmaxBackward(logY, OFF, dy, OFF, dlx, OFF, n);
            for (int i = 0; i < n; i++) {
                double soft = 0;
                double log = 0;
                for (int j = 0; j < n; j++) {
                    // ∂y_j/∂x_i = y_j(δ_ij − y_i);  ∂log y_j/∂x_i = δ_ij − p_i
                    soft += dy[OFF + j] * y[OFF + j] * ((i == j ? 1 : 0) - y[OFF + i]);
                    log += dy[OFF + j] * ((i == j ? 1 : 0) - Math.exp(logY[OFF + i]));
                }
                assertEquals(soft, dx[OFF + i], 1e-5, "softmax' n=" + n);
                assertEquals(log, dlx[OFF + i], 1e-5, "logSoftmax' n=" + n);
            }
        }
    }

    @Test
    void transpose() {
        float[] a = random(7, 3 * 17);
        float[] t = new float[3 * 17 + OFF];
        K.transpose(a, OFF, t, OFF, 3, 17);
        for (int r = 0; r < 3; r++) for (int c = 0; c < 17; c++) assertEquals(a[OFF + r * 17 + c], t[OFF + c * 3 + r]);
    }
}
