package nextword.kernels;

/**
 * The plain-loop specification of the element-wise and per-row kernels that autograd added to
 * {@link KernelOps}. They live beside {@link ScalarKernels} rather than in it so that the interface can
 * offer them as {@code default} methods: every implementation of KernelOps keeps compiling, and a faster
 * one may override any of them.
 */
final class ScalarPointwise {

    private ScalarPointwise() {}

    static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    static void mulAccumulate(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] += a[ao + i] * b[bo + i];
    }

    static void addScalar(float[] x, int xo, float alpha, int n) {
        for (int i = 0; i < n; i++) x[xo + i] += alpha;
    }

    static void relu(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = Math.max(0f, x[xo + i]);
    }

    static void reluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) if (x[xo + i] > 0f) dx[dxo + i] += dout[doo + i];
    }

    static void tanh(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.tanh(x[xo + i]);
    }

    static void tanhBackward(float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) {
            float t = y[yo + i];
            dx[dxo + i] += (1f - t * t) * dout[doo + i];
        }
    }

    static void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) (1.0 / (1.0 + Math.exp(-x[xo + i])));
    }

    static void sigmoidBackward(float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[yo + i];
            dx[dxo + i] += s * (1f - s) * dout[doo + i];
        }
    }

    static void softmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        float weighted = 0f;
        for (int i = 0; i < n; i++) weighted += y[yo + i] * dy[dyo + i];
        for (int i = 0; i < n; i++) dx[dxo + i] += y[yo + i] * (dy[dyo + i] - weighted);
    }

    static void logSoftmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        float total = 0f;
        for (int i = 0; i < n; i++) total += dy[dyo + i];
        for (int i = 0; i < n; i++) dx[dxo + i] += dy[dyo + i] - (float) Math.exp(y[yo + i]) * total;
    }

    static void transpose(float[] a, int ao, float[] out, int oo, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) out[oo + c * rows + r] = a[ao + r * cols + c];
        }
    }
}
