package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** Causal multi-head self-attention on packed (B, T, 3C) queries, keys and values, fused in the kernels. */
final class AttentionOp {

    private static final KernelOps K = Kernels.ops();

    private AttentionOp() {}

    static AttentionOutput apply(Tensor qkv, int heads) {
        if (qkv.rank() != 3 || qkv.shape[2] % 3 != 0) {
            throw new IllegalArgumentException("attention needs qkv of shape (B, T, 3C), got " + Shapes.str(qkv.shape));
        }
        int b = qkv.shape[0];
        int t = qkv.shape[1];
        int c = qkv.shape[2] / 3;
        if (heads < 1 || c % heads != 0) {
            throw new IllegalArgumentException("attention: " + heads + " heads do not divide the width " + c);
        }
        float[] in = qkv.dense();
        Tensor out = Tensor.zeros(b, t, c);
        Tensor weights = Tensor.zeros(b, heads, t, t);
        K.attention(in, out.data, weights.data, b, t, c, heads);
        Autograd.record(out, () -> K.attentionBackward(out.grad, in, weights.data, qkv.gradArray(), b, t, c, heads), qkv);
        return new AttentionOutput(out, weights);
    }
}
