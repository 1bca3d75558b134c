package nextword.model;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import nextword.io.NamedTensor;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * GPT-2: tokens → embeddings → blocks of attention and MLP → LayerNorm → logits over the next token.
 *
 * <p>Written directly on the kernels, each layer's forward pass beside its backward pass. A forward pass
 * keeps what the backward pass needs in {@link Activations}, sized once per batch shape. Not thread-safe:
 * one model object runs one batch at a time (the kernels parallelize inside each step); {@link #replica()}
 * gives another over the same weights for a second thread.
 */
public final class Gpt {

    private final GptConfig config;
    private final GptWeights weights;
    private final KernelOps ops;
    private GptWeights grads;
    private Activations acts;
    private int[] ids = new int[0];
    private int[] targets = new int[0];
    private int b;
    private int t;

    public Gpt(GptWeights weights) {
        this(weights, Kernels.ops());
    }

    /** A model computing with the given kernels (e.g. a timing wrapper, or the scalar specification). */
    public Gpt(GptWeights weights, KernelOps ops) {
        this.config = weights.config;
        this.weights = weights;
        this.ops = ops;
    }

    /** A new model with GPT-2's random initialization. */
    public static Gpt init(GptConfig config, RandomGenerator random) {
        return new Gpt(GptWeights.init(config, random));
    }

    public GptConfig config() {
        return config;
    }

    /**
     * A second model over the same weights, with its own gradients and activations and the same kernels: the
     * two may run batches at the same time, as long as nothing changes the weights meanwhile.
     */
    public Gpt replica() {
        return new Gpt(weights, ops);
    }

    public GptWeights weights() {
        return weights;
    }

    /** d loss / d weights, accumulated by {@link #forwardBackward} until {@link #zeroGradients}. */
    public GptWeights gradients() {
        if (grads == null) grads = GptWeights.zeros(config);
        return grads;
    }

    public void zeroGradients() {
        gradients().zero();
    }

    /**
     * Runs b sequences of t tokens (inputs row-major, (B, T)) and returns the mean cross-entropy against
     * targets (the next tokens; a negative target is ignored), or NaN when targets is null.
     * Afterwards {@link #logits()} and {@link #losses()} hold every position's results.
     */
    public float forward(int[] inputs, int[] targets, int b, int t) {
        prepare(inputs, targets, b, t);
        forwardToLogits();
        return targets == null ? Float.NaN : loss(null, 0f);
    }

    /**
     * Forward, loss and backward in one go: adds weight · d(mean loss)/d(weights) to {@link #gradients()}
     * (weight 1/n averages n micro-batches) and returns the mean loss.
     */
    public float forwardBackward(int[] inputs, int[] targets, int b, int t, float weight) {
        return forwardBackward(inputs, targets, b, t, weight, true);
    }

    /**
     * As {@link #forwardBackward(int[], int[], int, int, float)}, but with accumulate false the gradients are
     * replaced rather than added to: the first micro-batch of a step then needs no zeroed gradients, which
     * saves a pass over every weight-sized array.
     */
    public float forwardBackward(int[] inputs, int[] targets, int b, int t, float weight, boolean accumulate) {
        if (targets == null) throw new IllegalArgumentException("training needs targets");
        prepare(inputs, targets, b, t);
        acts.ensureBackward(config);
        gradients();
        forwardToLogits();
        float loss = loss(acts.dlogits, weight);
        if (!accumulate) {
            // Matrices (and wte) are written by their first matmul; everything else only ever accumulates.
            for (NamedTensor g : grads.tensors()) if (g.shape().length < 2 || g.data() == grads.wpe) Arrays.fill(g.data(), 0f);
        }
        backward(accumulate);
        return loss;
    }

    /** The logits of the last forward pass: (b, t, V) row-major at the front of the array. */
    public float[] logits() {
        return acts.logits;
    }

    /** The per-position losses of the last forward pass with targets: (b, t). */
    public float[] losses() {
        return acts.losses;
    }

    /** Attention weights of one block from the last forward pass: (b, heads, t, t), zero above the diagonal. */
    public float[] attention(int layer) {
        return acts.blocks[layer].att;
    }

    /**
     * The residual stream of the last forward pass as block {@code layer} reads it: 0 is the token plus position
     * embeddings, l the output of block l − 1, and {@code layers} the last block's output before the final
     * LayerNorm. (b, t, C) at the front of the array. For looking inside (the logit lens, trajectories).
     */
    public float[] residual(int layer) {
        if (layer < 0 || layer > config.layers()) throw new IllegalArgumentException("layer " + layer + " outside [0, " + config.layers() + "]");
        return layer == 0 ? acts.encoded : acts.blocks[layer - 1].residual3;
    }

    // ---- forward -------------------------------------------------------------------------------------------

    private void forwardToLogits() {
        int c = config.width();
        int bt = b * t;
        Activations a = acts;
        GptWeights w = weights;
        // x = wte[token] + wpe[position]                                          // (B, T, C)
        ops.embeddingGather(w.wte, ids, a.encoded, c);
        ops.addToRows(w.wpe, 0, a.encoded, 0, b, t * c);
        float[] x = a.encoded;
        for (int l = 0; l < config.layers(); l++) {
            blockForward(w.h[l], a.blocks[l], x);
            x = a.blocks[l].residual3;
        }
        ops.layerNorm(x, a.lnf, a.lnfMean, a.lnfRstd, w.lnfWeight, w.lnfBias, bt, c, GptConfig.LAYER_NORM_EPS);
        // logits = lnf · wteᵀ: the output layer is the token embedding, read backwards      // (B, T, V)
        ops.matmulTransB(a.lnf, 0, w.wte, 0, a.logits, 0, bt, c, config.vocabSize(), false);
    }

    /** One block: x + Attention(LayerNorm(x)), then that + MLP(LayerNorm(that)). */
    private void blockForward(GptWeights.Block w, Activations.Block a, float[] x) {
        int c = config.width();
        int bt = b * t;
        float eps = GptConfig.LAYER_NORM_EPS;
        ops.layerNorm(x, a.ln1, a.ln1Mean, a.ln1Rstd, w.ln1Weight, w.ln1Bias, bt, c, eps);     // (B, T, C)
        linear(a.ln1, w.qkvWeight, w.qkvBias, a.qkv, c, 3 * c, false);                         // (B, T, 3C)
        ops.attention(a.qkv, a.atty, a.att, b, t, c, config.heads());                          // (B, T, C)
        System.arraycopy(x, 0, a.residual2, 0, bt * c);
        linear(a.atty, w.attnProjWeight, w.attnProjBias, a.residual2, c, c, true);             // x + attn
        ops.layerNorm(a.residual2, a.ln2, a.ln2Mean, a.ln2Rstd, w.ln2Weight, w.ln2Bias, bt, c, eps);
        linear(a.ln2, w.fcWeight, w.fcBias, a.fch, c, 4 * c, false);                           // (B, T, 4C)
        ops.gelu(a.fch, 0, a.fchGelu, 0, bt * 4 * c);
        System.arraycopy(a.residual2, 0, a.residual3, 0, bt * c);
        linear(a.fchGelu, w.fcProjWeight, w.fcProjBias, a.residual3, 4 * c, c, true);          // + mlp
    }

    /** y (+)= x · W + b over the batch's rows: GPT-2's Conv1D, x (B·T, in), W (in, out), b (out). */
    private void linear(float[] x, float[] weight, float[] bias, float[] y, int in, int out, boolean accumulate) {
        int rows = b * t;
        if (accumulate) ops.addToRows(bias, 0, y, 0, rows, out);
        else for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, y, r * out, out);
        ops.matmul(x, 0, weight, 0, y, 0, rows, in, out, true);
    }

    /** Mean cross-entropy over the targets that count; fills dlogits (scaled by weight) when asked. */
    private float loss(float[] dlogits, float weight) {
        int bt = b * t;
        int counted = 0;
        for (int i = 0; i < bt; i++) if (targets[i] >= 0) counted++;
        if (counted == 0) throw new IllegalArgumentException("every target is ignored (negative): no loss to compute");
        ops.crossEntropy(acts.logits, targets, acts.losses, dlogits, weight / counted, bt, config.vocabSize());
        double sum = 0;
        for (int i = 0; i < bt; i++) sum += acts.losses[i];
        return (float) (sum / counted);
    }

    // ---- backward ------------------------------------------------------------------------------------------

    private void backward(boolean accumulate) {
        int c = config.width();
        int bt = b * t;
        Activations a = acts;
        GptWeights w = weights;
        GptWeights g = grads;
        // logits = lnf · wteᵀ
        ops.matmul(a.dlogits, 0, w.wte, 0, a.dln, 0, bt, config.vocabSize(), c, false);           // dlnf (B, T, C)
        ops.matmulTransA(a.dlogits, 0, a.lnf, 0, g.wte, 0, config.vocabSize(), bt, c, accumulate); // dwte (V, C)
        int last = config.layers() - 1;
        Arrays.fill(a.dresidual, 0, bt * c, 0f);
        ops.layerNormBackward(a.dln, a.blocks[last].residual3, a.lnfMean, a.lnfRstd, w.lnfWeight,
                a.dresidual, g.lnfWeight, g.lnfBias, bt, c);
        for (int l = last; l >= 0; l--) {
            float[] x = l == 0 ? a.encoded : a.blocks[l - 1].residual3;
            blockBackward(w.h[l], g.h[l], a.blocks[l], x, accumulate);
        }
        // x = wte[token] + wpe[position]: each use of a row sends its gradient back to it
        ops.embeddingScatterAdd(g.wte, ids, a.dresidual, c);
        ops.columnSums(a.dresidual, 0, b, t * c, g.wpe, 0);
    }

    /** Turns d(block output) in acts.dresidual into d(block input), adding the block's weight gradients. */
    private void blockBackward(GptWeights.Block w, GptWeights.Block g, Activations.Block a, float[] x, boolean accumulate) {
        int c = config.width();
        int bt = b * t;
        Activations s = acts;
        // residual3 = residual2 + mlp: the skip passes dresidual through unchanged, the MLP adds its share
        linearBackward(s.dresidual, a.fchGelu, w.fcProjWeight, s.dfchGelu, g.fcProjWeight, g.fcProjBias, 4 * c, c, accumulate);
        ops.geluGradientInPlace(a.fch, 0, s.dfchGelu, 0, bt * 4 * c);                            // now d fch
        linearBackward(s.dfchGelu, a.ln2, w.fcWeight, s.dln, g.fcWeight, g.fcBias, c, 4 * c, accumulate);
        ops.layerNormBackward(s.dln, a.residual2, a.ln2Mean, a.ln2Rstd, w.ln2Weight, s.dresidual, g.ln2Weight, g.ln2Bias, bt, c);
        // residual2 = x + attention, likewise
        linearBackward(s.dresidual, a.atty, w.attnProjWeight, s.datty, g.attnProjWeight, g.attnProjBias, c, c, accumulate);
        Arrays.fill(s.dqkv, 0, bt * 3 * c, 0f);
        ops.attentionBackward(s.datty, a.qkv, a.att, s.dqkv, b, t, c, config.heads());
        linearBackward(s.dqkv, a.ln1, w.qkvWeight, s.dln, g.qkvWeight, g.qkvBias, c, 3 * c, accumulate);
        ops.layerNormBackward(s.dln, x, a.ln1Mean, a.ln1Rstd, w.ln1Weight, s.dresidual, g.ln1Weight, g.ln1Bias, bt, c);
    }

    /** For y = x·W + b: dx = dy·Wᵀ (overwritten), dW (+)= xᵀ·dy, db += Σ_rows dy. */
    private void linearBackward(float[] dy, float[] x, float[] weight, float[] dx, float[] dweight, float[] dbias, int in, int out,
                                boolean accumulate) {
        int rows = b * t;
        ops.matmulTransB(dy, 0, weight, 0, dx, 0, rows, out, in, false);       // (B·T, in)
        ops.matmulTransA(x, 0, dy, 0, dweight, 0, in, rows, out, accumulate);  // (in, out)
        ops.columnSums(dy, 0, rows, out, dbias, 0);
    }

    // ---- input checks --------------------------------------------------------------------------------------

    private void prepare(int[] inputs, int[] targets, int b, int t) {
        if (b < 1 || t < 1) throw new IllegalArgumentException("batch must be at least 1×1, got " + b + "×" + t);
        if (t > config.contextLength()) {
            throw new IllegalArgumentException("sequence of " + t + " tokens exceeds the context length " + config.contextLength());
        }
        int bt = b * t;
        if (inputs.length < bt || (targets != null && targets.length < bt)) {
            throw new IllegalArgumentException("a " + b + "×" + t + " batch needs " + bt + " tokens");
        }
        if (acts == null) {
            acts = new Activations(config, b, t);
        } else if (!acts.fits(b, t)) {
            // Grow geometrically: generation lengthens its one sequence a token at a time.
            int tt = Math.max(t, Math.min(config.contextLength(), 2 * acts.t));
            acts = new Activations(config, Math.max(b, acts.b), tt);
        }
        if (ids.length != bt) {
            ids = new int[bt];
            this.targets = new int[bt];
        }
        int v = config.vocabSize();
        for (int i = 0; i < bt; i++) {
            int id = inputs[i];
            if (id < 0 || id >= v) throw new IllegalArgumentException("token id " + id + " outside the vocabulary [0, " + v + ")");
            ids[i] = id;
            int target = targets == null ? -1 : targets[i];
            if (target >= v) throw new IllegalArgumentException("target id " + target + " outside the vocabulary [0, " + v + ")");
            this.targets[i] = target;
        }
        this.b = b;
        this.t = t;
    }
}
