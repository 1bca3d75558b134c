package nextword.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nextword.data.AtomicFile;
import nextword.io.GptDirectory;

/**
 * Turns a float checkpoint into an 8-bit one ({@link QuantizedFormat}), and measures what that costs: the
 * perplexity of both on a text and how often they agree on the likeliest next token.
 */
public final class Quantizer {

    /** The files besides the weights that a model directory may hold and that travel with it. */
    private static final List<String> COMPANIONS = List.of(GptDirectory.CONFIG, "vocab.json", "merges.txt", "tokenizer.json",
            "encoder.json", "vocab.bpe", "nextword-tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json");

    /**
     * The comparison of two models on the same tokens.
     *
     * @param tokens     positions compared (each predicts the token after it)
     * @param perplexity the reference model's perplexity
     * @param other      the other model's perplexity
     * @param agreement  fraction of positions where both put the same token first
     */
    public record Comparison(int tokens, double perplexity, double other, double agreement) {}

    private Quantizer() {}

    /** Writes dir's model in 8 bits to out (created if needed): model.safetensors plus config and tokenizer files. */
    public static void quantize(Path dir, Path out) throws IOException {
        Files.createDirectories(out);
        if (Files.isSameFile(dir, out)) throw new IllegalArgumentException("--out must differ from the model directory");
        try (LanguageModel m = LanguageModel.load(dir, Precision.Q8_0)) {
            m.saveQuantized(out.resolve(GptDirectory.WEIGHTS), Map.of("source", dir.toAbsolutePath().toString()));
        }
        for (String name : COMPANIONS) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                byte[] bytes = Files.readAllBytes(f);
                AtomicFile.write(out.resolve(name), o -> o.write(bytes));
            }
        }
    }

    /** Scores ids with both models, in windows of their context: perplexities and top-1 agreement. */
    public static Comparison compare(LanguageModel reference, LanguageModel other, int[] ids) {
        if (ids.length < 2) throw new IllegalArgumentException("comparing needs at least two tokens");
        int[] topA = new int[ids.length - 1];
        int[] topB = new int[ids.length - 1];
        float[] a = predictions(reference, ids, topA);
        float[] b = predictions(other, ids, topB);
        int same = 0;
        for (int i = 0; i < topA.length; i++) if (topA[i] == topB[i]) same++;
        return new Comparison(topA.length, perplexity(a), perplexity(b), (double) same / topA.length);
    }

    /** log p(ids[i + 1]) and the argmax at every position i, contexts as {@link Scorer#logProbs} builds them. */
    private static float[] predictions(LanguageModel m, int[] ids, int[] argmax) {
        Session s = m.newSession();
        return Scorer.logProbs(s, ids, argmax);
    }

    private static double perplexity(float[] logprobs) {
        double sum = 0;
        for (float l : logprobs) sum -= l;
        return Math.exp(sum / logprobs.length);
    }
}
