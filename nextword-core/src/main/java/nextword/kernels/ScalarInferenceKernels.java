package nextword.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The plain-loop specification of {@link InferenceKernels}, for any panel width. */
public final class ScalarInferenceKernels implements InferenceKernels {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final int panelWidth;
    private final KernelOps ops = new ScalarKernels();

    /** With the panel width the Vector API implementation would use, so that either reads the same weights. */
    public ScalarInferenceKernels(int panelWidth) {
        if (panelWidth < 1) throw new IllegalArgumentException("panel width must be positive");
        this.panelWidth = panelWidth;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int panelWidth() {
        return panelWidth;
    }

    @Override
    public void panelMatVec(MemorySegment w, int k, int n, float[] x, int xo, float[] y, int yo, int panel0, int panel1) {
        int nr = panelWidth;
        for (int q = panel0; q < panel1; q++) {
            for (int j = 0; j < nr && q * nr + j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s = Math.fma(w.get(FLOAT, 4 * (((long) q * k + p) * nr + j)), x[xo + p], s);
                y[yo + q * nr + j] = s;
            }
        }
    }

    @Override
    public void panelMatMul(float[] x, int m, MemorySegment w, int k, int n, float[] y) {
        int panels = (n + panelWidth - 1) / panelWidth;
        for (int i = 0; i < m; i++) panelMatVec(w, k, n, x, i * k, y, i * n, 0, panels);
    }

    @Override
    public void q8MatVec(MemorySegment q, MemorySegment scales, int k, int n, int[] xpairs, int xpo, float[] xs, int xso,
                         float[] y, int yo, int panel0, int panel1) {
        Q8.checkBlocks(k);
        for (int j = panel0 * Q8.PANEL; j < Math.min(n, panel1 * Q8.PANEL); j++) {
            float s = 0f;
            for (int b = 0; b < k / Q8.BLOCK; b++) {
                int dot = 0; // exact: 32 products of at most 128·127 each
                for (int p = b * Q8.BLOCK; p < (b + 1) * Q8.BLOCK; p++) {
                    int pair = xpairs[xpo + p / 2];
                    int x = p % 2 == 0 ? (short) pair : pair >> 16;
                    dot += q.get(ValueLayout.JAVA_BYTE, Q8.offset(k, p, j)) * x;
                }
                float d = scales.get(Q8.SCALE, Q8.scaleOffset(k, b, j)) * xs[xso + b];
                s = Math.fma(dot, d, s);
            }
            y[yo + j] = s;
        }
    }

    @Override
    public void q8MatMul(short[] xq, int[] xpairs, float[] xs, int m, MemorySegment q, MemorySegment scales, int k, int n, float[] y) {
        for (int i = 0; i < m; i++) q8MatVec(q, scales, k, n, xpairs, i * k / 2, xs, i * (k / Q8.BLOCK), y, i * n, 0, Q8.panels(n));
    }

    @Override
    public void addBias(float[] y, int rows, float[] bias, int n) {
        for (int r = 0; r < rows; r++) ops.add(y, r * n, bias, 0, y, r * n, n);
    }

    @Override
    public void gelu(float[] x, int xo, int n) {
        ops.gelu(x, xo, x, xo, n);
    }

    @Override
    public void attend(float[] q, int qo, float[] kT, int ko, float[] v, int vo, int len, int hs, float scale,
                       float[] scores, int so, float[] out, int oo) {
        for (int s = 0; s < len; s++) {
            float dot = 0f;
            int k = ko + s / KEY_BLOCK * KEY_BLOCK * hs + s % KEY_BLOCK;
            for (int d = 0; d < hs; d++) dot += q[qo + d] * kT[k + d * KEY_BLOCK];
            scores[so + s] = dot * scale;
        }
        ops.softmax(scores, so, len);
        java.util.Arrays.fill(out, oo, oo + hs, 0f);
        for (int s = 0; s < len; s++) ops.axpy(scores[so + s], v, vo + s * hs, out, oo, hs);
    }
}
