package nextword.kernels;

/**
 * The kernels on the Vector API ({@code jdk.incubator.vector}), at the machine's preferred vector width.
 * Each agrees with {@link ScalarKernels} to float rounding; the work lives in one class per concept
 * ({@link MatMul}, {@link Softmax}, {@link LayerNorm}, {@link Elementwise}, {@link Bias}, {@link AttentionKernel}).
 * Results never depend on the thread count.
 *
 * <p>Small problems go to the scalar specification: there the vector set-up costs more than it saves, and
 * until C2 has compiled a vector loop (thousands of calls) it runs a hundred times slower than a plain one,
 * which small models, making many small calls, would feel first.
 */
public final class PanamaKernels implements KernelOps {

    /** Below this many elements, the scalar specification. */
    static final int SMALL = 8192;
    /** Below this many multiply-adds (matmul, attention), the scalar specification. */
    static final long SMALL_MULTIPLY_ADDS = 1 << 18;

    private static final ScalarKernels SPEC = new ScalarKernels();

    private final int small;
    private final long smallMultiplyAdds;

    public PanamaKernels() {
        this(true);
    }

    /** With {@code scalarWhenSmall} false, every size runs the vector code (tests use it to reach every tail). */
    PanamaKernels(boolean scalarWhenSmall) {
        small = scalarWhenSmall ? SMALL : 0;
        smallMultiplyAdds = scalarWhenSmall ? SMALL_MULTIPLY_ADDS : 0;
    }

    private boolean small(long elements) {
        return elements < small;
    }

    private boolean smallProduct(long m, long k, long n) {
        return m >= 0 && k >= 0 && n >= 0 && m * k * n < smallMultiplyAdds; // negative sizes: refused below
    }

    @Override
    public String name() {
        return "panama(" + VectorLoops.F.vectorBitSize() + "-bit)";
    }

    @Override
    public void matmul(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        if (smallProduct(m, k, n)) SPEC.matmul(a, ao, b, bo, c, co, m, k, n, accumulate);
        else MatMul.multiply(a, ao, false, b, bo, false, c, co, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        if (smallProduct(m, k, n)) SPEC.matmulTransB(a, ao, b, bo, c, co, m, k, n, accumulate);
        else MatMul.multiply(a, ao, false, b, bo, true, c, co, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        if (smallProduct(m, k, n)) SPEC.matmulTransA(a, ao, b, bo, c, co, m, k, n, accumulate);
        else MatMul.multiply(a, ao, true, b, bo, false, c, co, m, k, n, accumulate);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        return small(n) ? SPEC.dot(a, ao, b, bo, n) : VectorLoops.dot(a, ao, b, bo, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        if (small(n)) SPEC.axpy(alpha, x, xo, y, yo, n);
        else Elementwise.axpy(alpha, x, xo, y, yo, n);
    }

    @Override
    public void scale(float[] x, int xo, float alpha, int n) {
        if (small(n)) SPEC.scale(x, xo, alpha, n);
        else Elementwise.scale(x, xo, alpha, n);
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (small(n)) SPEC.add(a, ao, b, bo, out, oo, n);
        else Elementwise.add(a, ao, b, bo, out, oo, n);
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        return small(n) ? SPEC.sum(x, xo, n) : VectorLoops.sum(x, xo, n);
    }

    @Override
    public void addToRows(float[] v, int vo, float[] y, int yo, int rows, int n) {
        if (small((long) rows * n)) SPEC.addToRows(v, vo, y, yo, rows, n);
        else Bias.addToRows(v, vo, y, yo, rows, n);
    }

    @Override
    public void columnSums(float[] x, int xo, int rows, int n, float[] out, int oo) {
        if (small((long) rows * n)) SPEC.columnSums(x, xo, rows, n, out, oo);
        else Bias.columnSums(x, xo, rows, n, out, oo);
    }

    @Override
    public float max(float[] x, int xo, int n) {
        return small(n) ? SPEC.max(x, xo, n) : VectorLoops.max(x, xo, n);
    }

    @Override
    public void softmax(float[] x, int xo, int n) {
        if (small(n)) SPEC.softmax(x, xo, n);
        else Softmax.softmax(x, xo, n);
    }

    @Override
    public void logSoftmax(float[] x, int xo, float[] out, int oo, int n) {
        if (small(n)) SPEC.logSoftmax(x, xo, out, oo, n);
        else Softmax.logSoftmax(x, xo, out, oo, n);
    }

    @Override
    public void layerNorm(float[] x, float[] out, float[] mean, float[] rstd, float[] gamma, float[] beta,
                          int rows, int c, float eps) {
        if (small((long) rows * c)) SPEC.layerNorm(x, out, mean, rstd, gamma, beta, rows, c, eps);
        else LayerNorm.forward(x, out, mean, rstd, gamma, beta, rows, c, eps);
    }

    @Override
    public void layerNormBackward(float[] dout, float[] x, float[] mean, float[] rstd, float[] gamma,
                                  float[] dx, float[] dgamma, float[] dbeta, int rows, int c) {
        if (small((long) rows * c)) SPEC.layerNormBackward(dout, x, mean, rstd, gamma, dx, dgamma, dbeta, rows, c);
        else LayerNorm.backward(dout, x, mean, rstd, gamma, dx, dgamma, dbeta, rows, c);
    }

    @Override
    public void gelu(float[] x, int xo, float[] out, int oo, int n) {
        if (small(n)) SPEC.gelu(x, xo, out, oo, n);
        else Elementwise.gelu(x, xo, out, oo, n);
    }

    @Override
    public void geluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        if (small(n)) SPEC.geluBackward(x, xo, dout, doo, dx, dxo, n);
        else Elementwise.geluBackward(x, xo, dout, doo, dx, dxo, n);
    }

    @Override
    public void geluGradientInPlace(float[] x, int xo, float[] d, int dof, int n) {
        if (small(n)) SPEC.geluGradientInPlace(x, xo, d, dof, n);
        else Elementwise.geluGradientInPlace(x, xo, d, dof, n);
    }

    @Override
    public void attention(float[] qkv, float[] out, float[] att, int b, int t, int c, int nh) {
        if (smallProduct(b, (long) t * t, c)) SPEC.attention(qkv, out, att, b, t, c, nh);
        else AttentionKernel.forward(qkv, out, att, b, t, c, nh);
    }

    @Override
    public void attentionBackward(float[] dout, float[] qkv, float[] att, float[] dqkv, int b, int t, int c, int nh) {
        if (smallProduct(b, (long) t * t, c)) SPEC.attentionBackward(dout, qkv, att, dqkv, b, t, c, nh);
        else AttentionKernel.backward(dout, qkv, att, dqkv, b, t, c, nh);
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
        if (small((long) rows * v)) SPEC.crossEntropy(logits, targets, losses, dlogits, dscale, rows, v);
        else Softmax.crossEntropy(logits, targets, losses, dlogits, dscale, rows, v);
    }

    @Override
    public void adamw(float[] p, float[] g, float[] m, float[] v, int offset, int n,
                      float lr, float b1, float b2, float eps, float wd, int t) {
        if (small(n)) SPEC.adamw(p, g, m, v, offset, n, lr, b1, b2, eps, wd, t);
        else Elementwise.adamw(p, g, m, v, offset, n, lr, b1, b2, eps, wd, t);
    }

    @Override
    public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (small(n)) SPEC.mul(a, ao, b, bo, out, oo, n);
        else Pointwise.mul(a, ao, b, bo, out, oo, n);
    }

    @Override
    public void mulAccumulate(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (small(n)) SPEC.mulAccumulate(a, ao, b, bo, out, oo, n);
        else Pointwise.mulAccumulate(a, ao, b, bo, out, oo, n);
    }

    @Override
    public void addScalar(float[] x, int xo, float alpha, int n) {
        if (small(n)) SPEC.addScalar(x, xo, alpha, n);
        else Pointwise.addScalar(x, xo, alpha, n);
    }

    @Override
    public void relu(float[] x, int xo, float[] out, int oo, int n) {
        if (small(n)) SPEC.relu(x, xo, out, oo, n);
        else Pointwise.relu(x, xo, out, oo, n);
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        if (small(n)) SPEC.reluBackward(x, xo, dout, doo, dx, dxo, n);
        else Pointwise.reluBackward(x, xo, dout, doo, dx, dxo, n);
    }

    // tanh stays the specification's: through exp, tanh near 0 would lose its relative accuracy.

    @Override
    public void tanhBackward(float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        if (small(n)) SPEC.tanhBackward(y, yo, dout, doo, dx, dxo, n);
        else Pointwise.activationBackward(false, y, yo, dout, doo, dx, dxo, n);
    }

    @Override
    public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        if (small(n)) SPEC.sigmoid(x, xo, out, oo, n);
        else Pointwise.sigmoid(x, xo, out, oo, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        if (small(n)) SPEC.sigmoidBackward(y, yo, dout, doo, dx, dxo, n);
        else Pointwise.activationBackward(true, y, yo, dout, doo, dx, dxo, n);
    }

    @Override
    public void softmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        if (small(n)) SPEC.softmaxBackward(y, yo, dy, dyo, dx, dxo, n);
        else Pointwise.softmaxBackward(y, yo, dy, dyo, dx, dxo, n);
    }

    @Override
    public void logSoftmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        if (small(n)) SPEC.logSoftmaxBackward(y, yo, dy, dyo, dx, dxo, n);
        else Pointwise.logSoftmaxBackward(y, yo, dy, dyo, dx, dxo, n);
    }

    @Override
    public void transpose(float[] a, int ao, float[] out, int oo, int rows, int cols) {
        if (small((long) rows * cols)) SPEC.transpose(a, ao, out, oo, rows, cols);
        else Pointwise.transpose(a, ao, out, oo, rows, cols);
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
    public void filterProduct(float[] a, int ao, int rowStride, int kStride, float[] b, float[] c, int m, int k, int n) {
        if (smallProduct(m, k, n)) SPEC.filterProduct(a, ao, rowStride, kStride, b, c, m, k, n);
        else FilterProducts.product(a, ao, rowStride, kStride, b, c, m, k, n);
    }

    @Override
    public void filterGradient(float[] dy, float[] cols, float[] g, int go, int m, int k, int n) {
        if (smallProduct(m, k, n)) SPEC.filterGradient(dy, cols, g, go, m, k, n);
        else FilterProducts.gradient(dy, cols, g, go, m, k, n);
    }

    @Override
    public void maxPool2d(float[] x, int xo, float[] out, int oo, int[] argmax, int planes, int height, int width,
                          int k, int stride) {
        Convolution.maxPool2d(x, xo, out, oo, argmax, planes, height, width, k, stride);
    }
}
