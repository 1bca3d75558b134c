package nextword.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nextword.io.GptDirectory;
import nextword.io.NamedTensor;
import nextword.io.WeightFiles;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.HuggingFaceFiles;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;

/**
 * A GPT-2 ready to generate: its weights laid out for inference and its tokenizer. Immutable and
 * thread-safe: the weights are shared, and each request gets its own {@link Session} (its KV cache).
 * Close it to release the weights' memory and mappings; sessions must not be used afterwards.
 */
public final class LanguageModel implements AutoCloseable {

    /** GPT-2's document separator, which also ends a generation. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private final ModelWeights weights;
    private final Tokenizer tokenizer;
    private final int endOfText;

    private LanguageModel(ModelWeights weights, Tokenizer tokenizer) {
        this.weights = weights;
        this.tokenizer = tokenizer;
        if (tokenizer.vocabSize() > weights.config.vocabSize()) {
            weights.close();
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model only "
                    + weights.config.vocabSize());
        }
        this.endOfText = tokenizer.specialTokens().getOrDefault(END_OF_TEXT, -1);
    }

    /**
     * Loads a Hugging Face GPT-2 directory (config.json; model.safetensors or a sharded index; F32, F16, BF16
     * or nextword's 8-bit format) with its tokenizer (vocab.json + merges.txt, tokenizer.json, or GPT-2's
     * files found as {@link Tokenizers#gpt2} finds them). Float checkpoints become float32.
     */
    public static LanguageModel load(Path dir) throws IOException {
        return load(dir, null);
    }

    /** As {@link #load(Path)}, quantizing a float checkpoint to 8 bits on the way when precision is Q8_0. */
    public static LanguageModel load(Path dir, Precision precision) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a model directory");
        GptConfig config = GptDirectory.readConfig(dir);
        Tokenizer tokenizer = tokenizer(dir, config);
        WeightFiles files = WeightFiles.open(dir);
        ModelWeights w;
        try {
            if (QuantizedFormat.isQuantized(files)) {
                if (precision == Precision.FLOAT32) throw new IOException(files.source() + " is already 8-bit; load the float checkpoint it came from");
                w = ModelWeights.quantizedFile(config, files);
            } else {
                try (files) {
                    w = ModelWeights.load(config, files, precision == null ? Precision.FLOAT32 : precision);
                }
            }
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
        return new LanguageModel(w, tokenizer);
    }

    /** From a model in memory (just trained, or random for benchmarks); the weights are copied. */
    public static LanguageModel of(GptWeights weights, Tokenizer tokenizer, Precision precision) throws IOException {
        return new LanguageModel(ModelWeights.of(weights, precision), tokenizer);
    }

    /**
     * A model with GPT-2's random initialization (seeded), built one tensor at a time so that even GPT-2 XL
     * needs no more heap than its largest tensor: for benchmarks, where only the shapes matter.
     */
    public static LanguageModel random(GptConfig config, long seed, Precision precision, Tokenizer tokenizer) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, int[]> shapes = GptWeights.shapes(config);
        return new LanguageModel(ModelWeights.build(config, precision, name -> {
            int[] shape = shapes.get(name);
            NamedTensor t = new NamedTensor(name, shape, new float[(int) NamedTensor.numel(shape)]);
            GptWeights.initialize(config, t, random);
            return t.data();
        }, null), tokenizer);
    }

    private static Tokenizer tokenizer(Path dir, GptConfig config) throws IOException {
        if (HuggingFaceFiles.present(dir) || Files.isRegularFile(dir.resolve(Tokenizers.NEXTWORD_FILE))) return Tokenizers.load(dir.toString());
        if (config.vocabSize() == 50257) return Tokenizers.gpt2(List.of(dir));
        throw new IOException("no tokenizer in " + dir + " (expected vocab.json + merges.txt, tokenizer.json or " + Tokenizers.NEXTWORD_FILE + ")");
    }

    public GptConfig config() {
        return weights.config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Precision precision() {
        return weights.precision;
    }

    /** The id of {@value #END_OF_TEXT}, or −1 when the tokenizer has none. */
    public int endOfText() {
        return endOfText;
    }

    /** The weights, for the engine's other passes over them ({@link Inspector}). */
    ModelWeights weights() {
        return weights;
    }

    /** Bytes of weights read per generated token: the memory traffic that bounds decoding speed. */
    public long bytesPerToken() {
        return weights.bytesPerToken();
    }

    /** A session holding up to the model's whole context. */
    public Session newSession() {
        return newSession(config().contextLength());
    }

    /** A session holding up to capacity tokens (its KV cache is allocated now, once). */
    public Session newSession(int capacity) {
        return new Session(this, weights, capacity);
    }

    /** One line: size, shape, precision and weight bytes. */
    public String describe() {
        GptConfig c = config();
        return String.format(Locale.ROOT, "GPT-2 %.0fM (%d layers, %d heads, %d wide, context %d), %s, %.0f MB of weights",
                c.parameterCount() / 1e6, c.layers(), c.heads(), c.width(), c.contextLength(),
                precision() == Precision.Q8_0 ? "8-bit (q8_0)" : "float32", bytesPerToken() / 1e6);
    }

    /** Writes this model, which must be 8-bit, as model.safetensors in nextword's 8-bit format. */
    public void saveQuantized(Path file, Map<String, String> metadata) throws IOException {
        QuantizedFormat.write(file, weights, metadata);
    }

    @Override
    public void close() {
        weights.close();
    }
}
