package nextword.kernels;

/**
 * The kernels on the Vector API ({@code jdk.incubator.vector}), at the machine's preferred vector width.
 * Each agrees with {@link ScalarKernels} to float rounding; the work lives in one class per concept
 * ({@link MatMul}, {@link Softmax}, {@link LayerNorm}, {@link Elementwise}, {@link AttentionKernel}).
 * Results never depend on the thread count.
 */
public final class PanamaKernels implements KernelOps {

    @Override
    public String name() {
        return "panama(" + VectorLoops.F.vectorBitSize() + "-bit)";
    }

    @Override
    public void matmul(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        MatMul.multiply(a, ao, false, b, bo, false, c, co, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        MatMul.multiply(a, ao, false, b, bo, true, c, co, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        MatMul.multiply(a, ao, true, b, bo, false, c, co, m, k, n, accumulate);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        return VectorLoops.dot(a, ao, b, bo, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        Elementwise.axpy(alpha, x, xo, y, yo, n);
    }

    @Override
    public void scale(float[] x, int xo, float alpha, int n) {
        Elementwise.scale(x, xo, alpha, n);
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        Elementwise.add(a, ao, b, bo, out, oo, n);
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        return VectorLoops.sum(x, xo, n);
    }

    @Override
    public float max(float[] x, int xo, int n) {
        return VectorLoops.max(x, xo, n);
    }

    @Override
    public void softmax(float[] x, int xo, int n) {
        Softmax.softmax(x, xo, n);
    }

    @Override
    public void logSoftmax(float[] x, int xo, float[] out, int oo, int n) {
        Softmax.logSoftmax(x, xo, out, oo, n);
    }

    @Override
    public void layerNorm(float[] x, float[] out, float[] mean, float[] rstd, float[] gamma, float[] beta,
                          int rows, int c, float eps) {
        LayerNorm.forward(x, out, mean, rstd, gamma, beta, rows, c, eps);
    }

    @Override
    public void layerNormBackward(float[] dout, float[] x, float[] mean, float[] rstd, float[] gamma,
                                  float[] dx, float[] dgamma, float[] dbeta, int rows, int c) {
        LayerNorm.backward(dout, x, mean, rstd, gamma, dx, dgamma, dbeta, rows, c);
    }

    @Override
    public void gelu(float[] x, int xo, float[] out, int oo, int n) {
        Elementwise.gelu(x, xo, out, oo, n);
    }

    @Override
    public void geluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        Elementwise.geluBackward(x, xo, dout, doo, dx, dxo, n);
    }

    @Override
    public void attention(float[] qkv, float[] out, float[] att, int b, int t, int c, int nh) {
        AttentionKernel.forward(qkv, out, att, b, t, c, nh);
    }

    @Override
    public void attentionBackward(float[] dout, float[] qkv, float[] att, float[] dqkv, int b, int t, int c, int nh) {
        AttentionKernel.backward(dout, qkv, att, dqkv, b, t, c, nh);
    }

    @Override
    public void embeddingGather(float[] table, int[] ids, float[] out, int c) {
        for (int i = 0; i < ids.length; i++) System.arraycopy(table, ids[i] * c, out, i * c, c);
    }

    @Override
    public void embeddingScatterAdd(float[] dtable, int[] ids, float[] dout, int c) {
        // sequential over ids: a repeated id must add its rows in index order
        for (int i = 0; i < ids.length; i++) Elementwise.add(dtable, ids[i] * c, dout, i * c, dtable, ids[i] * c, c);
    }

    @Override
    public void crossEntropy(float[] logits, int[] targets, float[] losses, float[] dlogits, float dscale, int rows, int v) {
        Softmax.crossEntropy(logits, targets, losses, dlogits, dscale, rows, v);
    }

    @Override
    public void adamw(float[] p, float[] g, float[] m, float[] v, int offset, int n,
                      float lr, float b1, float b2, float eps, float wd, int t) {
        Elementwise.adamw(p, g, m, v, offset, n, lr, b1, b2, eps, wd, t);
    }

    // ---- images: plain loops that copy whole runs and split the batch over threads (no vector math to do) ----

    @Override
    public void im2col(float[] x, int xo, float[] cols, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        Convolution.im2col(x, xo, cols, images, channels, height, width, kh, kw, stride, pad);
    }

    @Override
    public void col2im(float[] cols, float[] dx, int dxo, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        Convolution.col2im(cols, dx, dxo, images, channels, height, width, kh, kw, stride, pad);
    }

    @Override
    public void maxPool2d(float[] x, int xo, float[] out, int oo, int[] argmax, int planes, int height, int width,
                          int k, int stride) {
        Convolution.maxPool2d(x, xo, out, oo, argmax, planes, height, width, k, stride);
    }

    @Override
    public void relu(float[] x, int xo, float[] out, int oo, int n) {
        Rectifier.relu(x, xo, out, oo, n);
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        Rectifier.reluBackward(x, xo, dout, doo, dx, dxo, n);
    }
}
