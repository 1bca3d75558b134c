package nextword.lab.meaning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nextword.io.GptDirectory;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;

/**
 * A GPT opened for looking inside: its weights, its tokenizer, and forward passes over one text that keep
 * what every layer computed (the residual stream before and after each block, each block's attention
 * weights, the logits), copied out so that later passes do not overwrite them.
 */
public final class GptProbe {

    /**
     * What one forward pass over t tokens computed.
     *
     * @param ids       the tokens
     * @param labels    each token as a person can read it (spaces and newlines made visible)
     * @param residuals residuals[l] is the residual stream entering block l, (t, C); the last is the final block's output
     * @param attention attention[l] is block l's weights, (heads, t, t): row q is how query position q spreads over keys ≤ q
     * @param logits    (t, V): the scores of every possible next token after each position
     */
    public record Pass(int[] ids, List<String> labels, float[][] residuals, float[][] attention, float[] logits) {
        public int length() {
            return ids.length;
        }
    }

    private final Gpt gpt;
    private final Tokenizer tokenizer;
    private final String name;

    public GptProbe(Gpt gpt, Tokenizer tokenizer, String name) {
        if (tokenizer.vocabSize() > gpt.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model only " + gpt.config().vocabSize());
        }
        this.gpt = gpt;
        this.tokenizer = tokenizer;
        this.name = name;
    }

    /** Opens a model directory (config.json, model.safetensors and the tokenizer's files). */
    public static GptProbe open(Path dir) throws IOException {
        Gpt gpt = new Gpt(GptDirectory.load(dir));
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizers.load(dir.toString());
        } catch (IOException e) {
            throw new IOException(dir + " holds a model but no tokenizer (" + e.getMessage() + ")", e);
        }
        Path file = dir.toAbsolutePath().normalize().getFileName();
        return new GptProbe(gpt, tokenizer, file == null ? dir.toString() : file.toString());
    }

    public Gpt gpt() {
        return gpt;
    }

    public GptConfig config() {
        return gpt.config();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The model's name for titles (its folder's name). */
    public String name() {
        return name;
    }

    /** Tokenizes text and runs it through the model. */
    public Pass run(String text) {
        int[] ids = tokenizer.encode(text);
        if (ids.length == 0) throw new IllegalArgumentException("the text has no tokens");
        return run(ids);
    }

    /** Runs the tokens through the model, keeping every layer's results. */
    public Pass run(int[] ids) {
        GptConfig c = gpt.config();
        int t = ids.length;
        if (t > c.contextLength()) throw new IllegalArgumentException(t + " tokens exceed the model's context of " + c.contextLength());
        gpt.forward(ids, null, 1, t);
        float[][] residuals = new float[c.layers() + 1][];
        for (int l = 0; l <= c.layers(); l++) residuals[l] = Arrays.copyOf(gpt.residual(l), t * c.width());
        float[][] attention = new float[c.layers()][];
        for (int l = 0; l < c.layers(); l++) attention[l] = Arrays.copyOf(gpt.attention(l), c.heads() * t * t);
        float[] logits = Arrays.copyOf(gpt.logits(), t * c.vocabSize());
        return new Pass(ids.clone(), labels(ids), residuals, attention, logits);
    }

    /** The tokens as a person can read them. */
    public List<String> labels(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) out.add(label(id));
        return out;
    }

    public String label(int id) {
        return id < tokenizer.vocabSize() ? visible(tokenizer.piece(id)) : "#" + id;
    }

    /** Spaces, newlines and tabs made visible. */
    static String visible(String token) {
        return token.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥").replace("\r", "␍");
    }
}
