package nextword.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a GPT-2: how many tokens it knows, how far back it can look, how many blocks, heads and
 * numbers per position. Everything else (GELU MLP 4× wide, LayerNorm eps 1e-5, tied output) is fixed by
 * the architecture.
 *
 * @param vocabSize     distinct token ids (n_vocab)
 * @param contextLength the most positions one sequence can have (n_positions)
 * @param layers        transformer blocks (n_layer)
 * @param heads         attention heads per block (n_head); must divide width
 * @param width         numbers per position, the embedding size (n_embd)
 */
public record GptConfig(int vocabSize, int contextLength, int layers, int heads, int width) {

    /** GPT-2's LayerNorm epsilon. */
    public static final float LAYER_NORM_EPS = 1e-5f;

    private static final Map<String, GptConfig> PRESETS = new LinkedHashMap<>();

    static {
        // Small ones for tests and the demo; vocabulary and context are usually replaced by the tokenizer's.
        PRESETS.put("tiny", new GptConfig(50257, 64, 2, 2, 32));
        PRESETS.put("mini", new GptConfig(50257, 128, 4, 4, 128));
        PRESETS.put("small", new GptConfig(50257, 256, 6, 6, 384));
        // OpenAI's four GPT-2 sizes: 124M, 350M, 774M and 1558M parameters.
        PRESETS.put("gpt2", new GptConfig(50257, 1024, 12, 12, 768));
        PRESETS.put("gpt2-medium", new GptConfig(50257, 1024, 24, 16, 1024));
        PRESETS.put("gpt2-large", new GptConfig(50257, 1024, 36, 20, 1280));
        PRESETS.put("gpt2-xl", new GptConfig(50257, 1024, 48, 25, 1600));
    }

    public GptConfig {
        if (vocabSize < 1 || contextLength < 1 || layers < 1 || heads < 1 || width < 1) {
            throw new IllegalArgumentException("GPT sizes must be positive: " + this);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not divisible by " + heads + " heads");
        }
        // Every activation is one Java array: the largest, the attention weights, must fit in an int index.
        if ((long) width * 4 * contextLength > Integer.MAX_VALUE || (long) vocabSize * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("GPT too large for this implementation: " + this);
        }
    }

    /** A named size: tiny, mini, small, gpt2, gpt2-medium, gpt2-large, gpt2-xl. */
    public static GptConfig preset(String name) {
        GptConfig c = PRESETS.get(name);
        if (c == null) throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ", PRESETS.keySet()) + ")");
        return c;
    }

    public GptConfig withVocabSize(int v) {
        return new GptConfig(v, contextLength, layers, heads, width);
    }

    public GptConfig withContextLength(int t) {
        return new GptConfig(vocabSize, t, layers, heads, width);
    }

    /** Numbers per head: width / heads. */
    public int headSize() {
        return width / heads;
    }

    /** Trainable numbers, counting the tied token embedding once. */
    public long parameterCount() {
        long c = width;
        long perBlock = 2 * c + (c * 3 * c + 3 * c) + (c * c + c) + 2 * c + (c * 4 * c + 4 * c) + (4 * c * c + c);
        return (long) vocabSize * c + (long) contextLength * c + layers * perBlock + 2 * c;
    }

    /**
     * Floating-point operations of one training step per token, forward and backward, as PaLM counts them:
     * 6 per weight (position embeddings are only added, so they do not count) plus 12·layers·t·width for
     * the attention scores and the weighted sum at sequence length t. The numerator of model FLOPs utilization.
     */
    public double trainFlopsPerToken(int t) {
        double weights = parameterCount() - (double) contextLength * width;
        return 6 * weights + 12.0 * layers * t * width;
    }
}
