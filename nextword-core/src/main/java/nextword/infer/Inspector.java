package nextword.infer;

import nextword.kernels.InferenceKernels;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.model.GptConfig;

/**
 * Opens the model up for people to look at: one forward pass over a text that keeps what generation throws
 * away — every head's attention weights at every position, and each position's final state (the vector
 * that, multiplied by every token's embedding, gives the logits of the next token). The same weights and
 * kernels as {@link Session}, so what the explorer shows is what generation computes.
 */
public final class Inspector {

    /** The most tokens one inspection takes: its attention weights grow with the square of the length. */
    public static final int MAX_TOKENS = 512;

    /**
     * What one forward pass saw.
     *
     * @param ids       the text's tokens (T)
     * @param heads     attention heads per layer
     * @param attention [layer] (heads, T, T): row q holds how much position q attends to each key ≤ q (zero after)
     * @param states    (T, C) each position's state after the final LayerNorm
     * @param logits    (V) the logits after the last position
     */
    public record Inspection(int[] ids, int heads, float[][] attention, float[] states, float[] logits) {

        public int length() {
            return ids.length;
        }

        public int layers() {
            return attention.length;
        }

        /** How much position query attends to position key in one head (0 for a key after the query). */
        public float attention(int layer, int head, int query, int key) {
            int t = ids.length;
            return attention[layer][(head * t + query) * t + key];
        }
    }

    private Inspector() {}

    /** Runs ids (1 to min(context, {@value #MAX_TOKENS}) tokens) through the model, keeping everything worth showing. */
    public static Inspection inspect(LanguageModel model, int[] ids) {
        ModelWeights w = model.weights();
        GptConfig config = w.config;
        int t = ids.length;
        int limit = Math.min(config.contextLength(), MAX_TOKENS);
        if (t < 1 || t > limit) throw new IllegalArgumentException("inspection takes 1 to " + limit + " tokens, got " + t);
        for (int id : ids) {
            if (id < 0 || id >= config.vocabSize()) throw new IllegalArgumentException("token id " + id + " outside the vocabulary");
        }
        return new Pass(w, t).run(ids);
    }

    /** The buffers of one pass over t positions. */
    private static final class Pass {
        final ModelWeights w;
        final GptConfig config;
        final KernelOps ops = Kernels.ops();
        final InferenceKernels kernels = Kernels.inference();
        final Matrix.Scratch scratch = new Matrix.Scratch();
        final KvCache cache;
        final int t;
        final int c;
        final Session.Rows r;
        final float[][] weights; // [layer] (heads, T, T)

        Pass(ModelWeights w, int t) {
            this.w = w;
            this.config = w.config;
            this.t = t;
            this.c = config.width();
            cache = new KvCache(config.layers(), config.heads(), config.headSize(), t);
            r = new Session.Rows(t, c);
            weights = new float[config.layers()][config.heads() * t * t];
        }

        Inspection run(int[] ids) {
            float eps = GptConfig.LAYER_NORM_EPS;
            for (int i = 0; i < t; i++) {                                                  // (T, C)
                w.wte.weightsInto(ids[i], r.x, i * c);
                ops.add(r.x, i * c, w.wpe, i * c, r.x, i * c, c);
            }
            for (int l = 0; l < w.blocks.length; l++) {
                ModelWeights.Block b = w.blocks[l];
                ops.layerNorm(r.x, r.ln, r.mean, r.rstd, b.ln1Weight(), b.ln1Bias(), t, c, eps);
                linear(b.qkv(), r.ln, r.qkv, b.qkvBias());                                     // (T, 3C)
                for (int i = 0; i < t; i++) cache.put(l, i, r.qkv, i * 3 * c);
                attention(l);                                                              // (T, C)
                linear(b.attnProj(), r.att, r.proj, b.attnProjBias());
                ops.add(r.x, 0, r.proj, 0, r.x, 0, t * c);
                ops.layerNorm(r.x, r.ln, r.mean, r.rstd, b.ln2Weight(), b.ln2Bias(), t, c, eps);
                linear(b.fc(), r.ln, r.hidden, b.fcBias());                                    // (T, 4C)
                kernels.gelu(r.hidden, 0, t * 4 * c);
                linear(b.fcProj(), r.hidden, r.proj, b.fcProjBias());
                ops.add(r.x, 0, r.proj, 0, r.x, 0, t * c);
            }
            float[] states = new float[t * c];
            ops.layerNorm(r.x, states, r.mean, r.rstd, w.lnfWeight, w.lnfBias, t, c, eps);       // (T, C)
            float[] last = java.util.Arrays.copyOfRange(states, (t - 1) * c, t * c);
            float[] logits = new float[config.vocabSize()];
            w.wte.matMul(last, 1, scratch, logits);                                        // (V)
            return new Inspection(ids.clone(), config.heads(), weights, states, logits);
        }

        /** Every position attends over itself and those before it; the softmax weights are kept. */
        private void attention(int layer) {
            int hs = config.headSize();
            float scale = (float) (1.0 / Math.sqrt(hs));
            float[] layerWeights = weights[layer];
            Parallel.range(config.heads(), 1, (lo, hi) -> {
                float[] scores = new float[cache.paddedCapacity];
                for (int h = lo; h < hi; h++) {
                    for (int i = 0; i < t; i++) {
                        kernels.attend(r.qkv, i * 3 * c + h * hs, cache.keys[layer], cache.keyOffset(h),
                                cache.values[layer], cache.valueOffset(h), i + 1, hs, scale, scores, 0, r.att, i * c + h * hs);
                        System.arraycopy(scores, 0, layerWeights, (h * t + i) * t, i + 1);
                    }
                }
            });
        }

        /** y(T, out) = in(T, in)·W + bias. */
        private void linear(Matrix m, float[] in, float[] y, float[] bias) {
            m.matMul(in, t, scratch, y);
            int n = m.outputs();
            kernels.addBias(y, t, bias, n);
        }
    }
}
