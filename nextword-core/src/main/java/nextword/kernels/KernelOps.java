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
}
