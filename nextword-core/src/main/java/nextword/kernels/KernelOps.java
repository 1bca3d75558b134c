package nextword.kernels;

/**
 * Every hot loop nextword runs, on flat row-major float arrays with offsets.
 *
 * <p>{@link ScalarKernels} is the specification: plain loops, easy to check by eye. The Vector API
 * implementation must agree with it (to float rounding) on every size, including odd ones and tails.
 * Methods that produce gradients <em>accumulate</em> ({@code +=}), as backpropagation needs; the rest
 * overwrite their output unless an {@code accumulate} flag says otherwise.
 */
public interface KernelOps {

    /** A short name for logs: "scalar" or "panama(512-bit)". */
    String name();

    // ---- matrix multiplication: c(m,n) (+)= op(a) · op(b) ----

    /** c(m,n) (+)= a(m,k) · b(k,n). */
    void matmul(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate);

    /** c(m,n) (+)= a(m,k) · b(n,k)ᵀ. */
    void matmulTransB(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate);

    /** c(m,n) (+)= a(k,m)ᵀ · b(k,n). */
    void matmulTransA(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate);

    // ---- vectors ----

    /** Σ a[i]·b[i]. */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** y += alpha · x. */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /** x *= alpha. */
    void scale(float[] x, int xo, float alpha, int n);

    /** out = a + b (out may alias a or b): the residual connection. */
    void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** Σ x[i]. */
    float sum(float[] x, int xo, int n);

    // ---- a batch of rows (rows × n, row-major) ----

    /** y[r, :] += v for every row: a bias, or the position embeddings, added across a batch. */
    void addToRows(float[] v, int vo, float[] y, int yo, int rows, int n);

    /** out += Σ_r x[r, :]: the gradient of what {@link #addToRows} added. */
    void columnSums(float[] x, int xo, int rows, int n, float[] out, int oo);

    /** max x[i] (n ≥ 1). */
    float max(float[] x, int xo, int n);

    // ---- rows ----

    /** In place, numerically stable: x ← exp(x − max x) / Σ exp(x − max x). */
    void softmax(float[] x, int xo, int n);

    /** out = x − logΣexp(x) (out may alias x). */
    void logSoftmax(float[] x, int xo, float[] out, int oo, int n);

    /**
     * LayerNorm over each of {@code rows} rows of width c: out = (x − μ)·rstd·γ + β, with rstd = 1/√(σ² + eps)
     * (biased variance). Saves μ and rstd per row for the backward pass.
     */
    void layerNorm(float[] x, float[] out, float[] mean, float[] rstd, float[] gamma, float[] beta,
                   int rows, int c, float eps);

    /** LayerNorm's backward: dx, dgamma, dbeta += their gradients given dout. */
    void layerNormBackward(float[] dout, float[] x, float[] mean, float[] rstd, float[] gamma,
                           float[] dx, float[] dgamma, float[] dbeta, int rows, int c);

    /** GELU, tanh form: out = ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (out may alias x). */
    void gelu(float[] x, int xo, float[] out, int oo, int n);

    /** dx += gelu'(x) · dout. */
    void geluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n);

    /**
     * d ← gelu'(x) · d in place: GELU's backward when its input's gradient has no other term (an MLP), which
     * saves zeroing an array and reading it back.
     */
    void geluGradientInPlace(float[] x, int xo, float[] d, int dof, int n);

    // ---- attention ----

    /**
     * Causal multi-head self-attention (GPT-2's), without the projections. qkv is (b, t, 3c): each position's
     * query, key and value side by side, each split into nh heads of c/nh. out (b, t, c) receives, per head,
     * Σ_{s ≤ position} softmax(q·k_s / √(c/nh)) · v_s; att (b, nh, t, t) receives those softmax weights
     * (zero above the diagonal) for the backward pass and for pictures.
     */
    void attention(float[] qkv, float[] out, float[] att, int b, int t, int c, int nh);

    /** Attention's backward: dqkv += the gradient given dout, from the saved qkv and att. */
    void attentionBackward(float[] dout, float[] qkv, float[] att, float[] dqkv, int b, int t, int c, int nh);

    // ---- embeddings ----

    /** out[i, :] = table[ids[i], :] for i in [0, ids.length), rows of width c. */
    void embeddingGather(float[] table, int[] ids, float[] out, int c);

    /** dtable[ids[i], :] += dout[i, :]. Ids may repeat; every row of dtable sums its uses in index order. */
    void embeddingScatterAdd(float[] dtable, int[] ids, float[] dout, int c);

    // ---- loss ----

    /**
     * Softmax + cross-entropy fused, over {@code rows} rows of {@code v} logits: losses[r] = −log softmax(logits_r)[targets[r]].
     * When dlogits is non-null it receives (softmax − onehot(target)) · dscale (overwritten, not accumulated).
     * A negative target means "ignore this row": loss 0, gradient 0.
     */
    void crossEntropy(float[] logits, int[] targets, float[] losses, float[] dlogits, float dscale, int rows, int v);

    // ---- optimizer ----

    /**
     * One AdamW step over n parameters, PyTorch's form: p −= lr·wd·p, then m, v updated with (b1, b2) and
     * p −= lr · m̂ / (√v̂ + eps), with bias corrections 1 − b1^t and 1 − b2^t for step t ≥ 1.
     */
    void adamw(float[] p, float[] g, float[] m, float[] v, int offset, int n,
               float lr, float b1, float b2, float eps, float wd, int t);

    // ---- element-wise and per-row ops for autograd ----
    // Defaults run the plain spec (ScalarPointwise), so every implementation compiles; override to speed up.

    /** out = a ⊙ b (out may alias a or b). */
    default void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        ScalarPointwise.mul(a, ao, b, bo, out, oo, n);
    }

    /** out += a ⊙ b: how a product passes its gradient on. */
    default void mulAccumulate(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        ScalarPointwise.mulAccumulate(a, ao, b, bo, out, oo, n);
    }

    /** x += alpha, element by element. */
    default void addScalar(float[] x, int xo, float alpha, int n) {
        ScalarPointwise.addScalar(x, xo, alpha, n);
    }

    /** out = max(0, x) (out may alias x). */
    default void relu(float[] x, int xo, float[] out, int oo, int n) {
        ScalarPointwise.relu(x, xo, out, oo, n);
    }

    /** dx += dout where x &gt; 0. */
    default void reluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        ScalarPointwise.reluBackward(x, xo, dout, doo, dx, dxo, n);
    }

    /** out = tanh x (out may alias x). */
    default void tanh(float[] x, int xo, float[] out, int oo, int n) {
        ScalarPointwise.tanh(x, xo, out, oo, n);
    }

    /** dx += (1 − y²) · dout, from the forward's output y = tanh x. */
    default void tanhBackward(float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        ScalarPointwise.tanhBackward(y, yo, dout, doo, dx, dxo, n);
    }

    /** out = 1 / (1 + e^−x) (out may alias x). */
    default void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        ScalarPointwise.sigmoid(x, xo, out, oo, n);
    }

    /** dx += y(1 − y) · dout, from the forward's output y = σ(x). */
    default void sigmoidBackward(float[] y, int yo, float[] dout, int doo, float[] dx, int dxo, int n) {
        ScalarPointwise.sigmoidBackward(y, yo, dout, doo, dx, dxo, n);
    }

    /** One row of softmax's backward: dx += y ⊙ (dy − Σ y·dy), from the forward's output y. */
    default void softmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        ScalarPointwise.softmaxBackward(y, yo, dy, dyo, dx, dxo, n);
    }

    /** One row of logSoftmax's backward: dx += dy − e^y · Σ dy, from the forward's output y. */
    default void logSoftmaxBackward(float[] y, int yo, float[] dy, int dyo, float[] dx, int dxo, int n) {
        ScalarPointwise.logSoftmaxBackward(y, yo, dy, dyo, dx, dxo, n);
    }

    /** out(cols, rows) = a(rows, cols)ᵀ (out must not alias a). */
    default void transpose(float[] a, int ao, float[] out, int oo, int rows, int cols) {
        ScalarPointwise.transpose(a, ao, out, oo, rows, cols);
    }

    // ---- images (N, C, H, W) for the lab's small convolutional nets; defaults run ScalarConvolution ----

    /**
     * Unfolds a batch of images, each (channels, height, width), consecutive from xo, into cols
     * (channels·kh·kw, images·oh·ow): row (c, i, j), column (n, y, z) holds the pixel that output position
     * (y, z) of image n sees at kernel offset (i, j) of channel c, zero in the padding, with
     * oh = (height + 2·pad − kh) / stride + 1 and likewise ow. The whole batch's convolution is then one
     * product weights · cols.
     */
    default void im2col(float[] x, int xo, float[] cols, int images, int channels, int height, int width,
                        int kh, int kw, int stride, int pad) {
        ScalarConvolution.im2col(x, xo, cols, images, channels, height, width, kh, kw, stride, pad);
    }

    /** im2col's adjoint: dx (images, channels, height, width) += each cols entry at the pixel it came from. */
    default void col2im(float[] cols, float[] dx, int dxo, int images, int channels, int height, int width,
                        int kh, int kw, int stride, int pad) {
        ScalarConvolution.col2im(cols, dx, dxo, images, channels, height, width, kh, kw, stride, pad);
    }

    /**
     * A convolution's product with few filters, c (m, n) = A · b: b (k, n) row-major from 0, A (m, k) read at
     * a[ao + r·rowStride + p·kStride] — the filters (F, patch) with rowStride = patch, kStride = 1, or their
     * transpose with rowStride = 1, kStride = patch — so neither side is copied or transposed first.
     */
    default void filterProduct(float[] a, int ao, int rowStride, int kStride, float[] b, float[] c, int m, int k, int n) {
        ScalarConvolution.filterProduct(a, ao, rowStride, kStride, b, c, m, k, n);
    }

    /** g (m, k) += dy · colsᵀ, dy (m, n) and cols (k, n) row-major from 0: the filters' gradient. */
    default void filterGradient(float[] dy, float[] cols, float[] g, int go, int m, int k, int n) {
        ScalarConvolution.filterGradient(dy, cols, g, go, m, k, n);
    }

    /**
     * Max pooling of planes images (height, width) by k×k windows at stride, no padding: out (planes, oh, ow)
     * with oh = (height − k) / stride + 1; argmax receives, per output, the index (from xo) of the first maximum.
     */
    default void maxPool2d(float[] x, int xo, float[] out, int oo, int[] argmax, int planes, int height, int width,
                           int k, int stride) {
        ScalarConvolution.maxPool2d(x, xo, out, oo, argmax, planes, height, width, k, stride);
    }

    /** dx[argmax[i]] += dout[i] for n outputs: each window's gradient goes to its maximum. */
    default void maxPool2dBackward(float[] dout, int doo, int[] argmax, float[] dx, int dxo, int n) {
        ScalarConvolution.maxPool2dBackward(dout, doo, argmax, dx, dxo, n);
    }
}
