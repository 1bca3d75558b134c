package nextword.lab.meaning;

import java.awt.image.BufferedImage;
import java.util.List;
import nextword.lab.plot.Pictures;
import nextword.lab.plot.MatrixImage;
import nextword.model.GptWeights;

/**
 * The essay's first look inside: what a GPT makes of its input before any block runs. Each token becomes
 * its row of the token embedding, each position its row of the position embedding, and the model reads
 * their sum. With "hello" ten times and then "bye" ten times, the token picture shows two kinds of rows,
 * and the position picture a pattern that changes smoothly down the positions.
 *
 * @param tokens   the tokens, readable
 * @param token    (t, C) the token embedding row of each token
 * @param position (t, C) the position embedding row of each position
 * @param sum      (t, C) what the first block reads
 */
public record EmbeddingArrays(List<String> tokens, double[][] token, double[][] position, double[][] sum) {

    /** The essay's example. */
    public static final String DEFAULT_TEXT = ("hello ".repeat(10) + "bye ".repeat(10)).trim();

    public static EmbeddingArrays of(GptProbe probe, String text) {
        GptProbe.Pass pass = probe.run(text);
        GptWeights w = probe.gpt().weights();
        int t = pass.length();
        int c = probe.config().width();
        double[][] token = new double[t][c];
        double[][] position = new double[t][c];
        double[][] sum = new double[t][c];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < c; j++) {
                token[i][j] = w.wte[pass.ids()[i] * c + j];
                position[i][j] = w.wpe[i * c + j];
                sum[i][j] = pass.residuals()[0][i * c + j];
            }
        }
        return new EmbeddingArrays(pass.labels(), token, position, sum);
    }

    /** The three arrays one above the other: rows are positions, columns embedding dimensions. */
    public BufferedImage draw(String model) {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) rows.add(i + " " + tokens.get(i));
        return Pictures.grid("Embeddings of " + tokens.size() + " tokens in " + model, List.of(
                panel("token embedding wte[token]", token, rows),
                panel("position embedding wpe[position]", position, rows),
                panel("their sum: what block 1 reads", sum, rows)), List.of("", "", ""), 1);
    }

    private static BufferedImage panel(String title, double[][] values, List<String> rows) {
        return MatrixImage.of(values).title(title).rows("position and token", rows).columns("embedding dimension", null)
                .maxSize(1100, Math.min(900, Math.max(400, 14 * rows.size()))).maxCell(18).render(); // rows tall enough for their labels
    }
}
