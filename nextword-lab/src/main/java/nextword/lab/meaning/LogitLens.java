package nextword.lab.meaning;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.lab.plot.MatrixImage;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.model.Sampler;

/**
 * The logit lens: what the model would predict if it stopped after each block. The final LayerNorm and the
 * (tied) output layer are applied to the residual stream wherever it is read, so every layer gets the same
 * vocabulary to speak in. Early layers mostly echo the input; the guesses firm up on the way to the output.
 *
 * @param tokens the input tokens, readable
 * @param layers "embeddings", "block 1", …: where the residual stream was read
 * @param top    top[layer][position]: the likeliest next tokens there, likeliest first
 */
public record LogitLens(List<String> tokens, List<String> layers, List<List<List<Guess>>> top) {

    /** One candidate next token. */
    public record Guess(int id, String token, double probability) {}

    /** The lens at every layer over one pass, keeping the k likeliest tokens of each position. */
    public static LogitLens of(GptProbe probe, GptProbe.Pass pass, int k) {
        GptConfig c = probe.config();
        int t = pass.length();
        int v = c.vocabSize();
        KernelOps ops = Kernels.ops();
        List<String> layers = new ArrayList<>();
        List<List<List<Guess>>> top = new ArrayList<>();
        for (int l = 0; l <= c.layers(); l++) {
            layers.add(l == 0 ? "embeddings" : "block " + l);
            float[] logits = logits(probe.gpt().weights(), pass.residuals()[l], t);
            List<List<Guess>> row = new ArrayList<>();
            for (int i = 0; i < t; i++) {
                float[] p = java.util.Arrays.copyOfRange(logits, i * v, (i + 1) * v);
                ops.softmax(p, 0, v);
                List<Guess> guesses = new ArrayList<>();
                for (int id : Sampler.top(p, k)) guesses.add(new Guess(id, probe.label(id), p[id]));
                row.add(guesses);
            }
            top.add(row);
        }
        return new LogitLens(pass.labels(), layers, top);
    }

    /** The lens itself: logits = LayerNorm_f(residual) · wteᵀ, (t, V), for a residual stream of t positions. */
    public static float[] logits(GptWeights w, float[] residual, int t) {
        int c = w.config.width();
        int v = w.config.vocabSize();
        KernelOps ops = Kernels.ops();
        float[] normed = new float[t * c];
        ops.layerNorm(residual, normed, new float[t], new float[t], w.lnfWeight, w.lnfBias, t, c, GptConfig.LAYER_NORM_EPS); // (t, C)
        float[] logits = new float[t * v];
        ops.matmulTransB(normed, 0, w.wte, 0, logits, 0, t, c, v, false);                                                 // (t, V)
        return logits;
    }

    /** A table: a row per layer, a column per position, each cell the top guess coloured by its probability. */
    public BufferedImage draw(String model) {
        int rows = layers.size(), cols = tokens.size();
        double[][] p = new double[rows][cols];
        String[][] text = new String[rows][cols];
        for (int l = 0; l < rows; l++) {
            for (int i = 0; i < cols; i++) {
                Guess g = top.get(l).get(i).getFirst();
                p[l][i] = g.probability();
                text[l][i] = shorten(g.token());
            }
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < cols; i++) columns.add(tokens.get(i));
        return MatrixImage.of(p).title(String.format(Locale.ROOT, "Logit lens of %s: the likeliest next token after each position, read after each layer", model))
                .rows("layer", layers).columns("input token (the guess is for the token after it)", columns).cellText(text)
                .scale(MatrixImage.Scale.SEQUENTIAL, 1).maxSize(1600, 900).render();
    }

    private static String shorten(String s) {
        return s.length() <= 10 ? s : s.substring(0, 9) + "…";
    }
}
