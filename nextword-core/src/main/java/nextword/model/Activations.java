package nextword.model;

/**
 * Every intermediate result of a forward pass that the backward pass needs, allocated once for a batch of
 * up to b sequences of up to t positions, so that a training step allocates nothing. A smaller (b, t) uses
 * the front of each array. The backward pass's scratch is allocated on the first backward pass: models
 * that only generate never pay for it.
 */
final class Activations {

    /** What one block keeps for its backward pass. */
    static final class Block {
        final float[] ln1;       // (B, T, C)   LayerNorm 1 output
        final float[] ln1Mean;   // (B, T)
        final float[] ln1Rstd;   // (B, T)
        final float[] qkv;       // (B, T, 3C)  queries, keys, values
        final float[] att;       // (B, nh, T, T) attention weights after softmax
        final float[] atty;      // (B, T, C)   attention output before its projection
        final float[] residual2; // (B, T, C)   x + attention
        final float[] ln2;       // (B, T, C)
        final float[] ln2Mean;   // (B, T)
        final float[] ln2Rstd;   // (B, T)
        final float[] fch;       // (B, T, 4C)  MLP hidden layer before GELU
        final float[] fchGelu;   // (B, T, 4C)  after GELU
        final float[] residual3; // (B, T, C)   residual2 + MLP: the block's output

        Block(int bt, int c, int nh, int b, int t) {
            ln1 = new float[bt * c];
            ln1Mean = new float[bt];
            ln1Rstd = new float[bt];
            qkv = new float[bt * 3 * c];
            att = new float[b * nh * t * t];
            atty = new float[bt * c];
            residual2 = new float[bt * c];
            ln2 = new float[bt * c];
            ln2Mean = new float[bt];
            ln2Rstd = new float[bt];
            fch = new float[bt * 4 * c];
            fchGelu = new float[bt * 4 * c];
            residual3 = new float[bt * c];
        }
    }

    final int b;
    final int t;
    final float[] encoded;  // (B, T, C)  token + position embedding
    final Block[] blocks;
    final float[] lnf;      // (B, T, C)
    final float[] lnfMean;  // (B, T)
    final float[] lnfRstd;  // (B, T)
    final float[] logits;   // (B, T, V)
    final float[] losses;   // (B, T)

    // Backward scratch, shared by all blocks because they run one after another.
    float[] dlogits;  // (B, T, V)
    float[] dresidual; // (B, T, C)  gradient flowing down the residual stream
    float[] dln;      // (B, T, C)  gradient into a LayerNorm's output
    float[] datty;    // (B, T, C)
    float[] dqkv;     // (B, T, 3C)
    float[] dfchGelu; // (B, T, 4C), turned in place into d fch by the GELU backward

    Activations(GptConfig config, int b, int t) {
        long cells = (long) b * t * Math.max(config.vocabSize(), 4L * config.width());
        long att = (long) b * config.heads() * t * t;
        if (cells > Integer.MAX_VALUE || att > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch " + b + "×" + t + " is too large for one array; use a smaller batch");
        }
        this.b = b;
        this.t = t;
        int bt = b * t;
        int c = config.width();
        encoded = new float[bt * c];
        blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) blocks[l] = new Block(bt, c, config.heads(), b, t);
        lnf = new float[bt * c];
        lnfMean = new float[bt];
        lnfRstd = new float[bt];
        logits = new float[bt * config.vocabSize()];
        losses = new float[bt];
    }

    boolean fits(int b, int t) {
        return b <= this.b && t <= this.t;
    }

    void ensureBackward(GptConfig config) {
        if (dlogits != null) return;
        int bt = b * t;
        int c = config.width();
        dlogits = new float[bt * config.vocabSize()];
        dresidual = new float[bt * c];
        dln = new float[bt * c];
        datty = new float[bt * c];
        dqkv = new float[bt * 3 * c];
        dfchGelu = new float[bt * 4 * c];
    }
}
