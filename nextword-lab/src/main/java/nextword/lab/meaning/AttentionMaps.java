package nextword.lab.meaning;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import nextword.lab.plot.Pictures;
import nextword.lab.plot.MatrixImage;

/**
 * Where each attention head looks: for every position (a row) how its attention is shared among the
 * positions up to it (the columns), the softmax weights, so each row sums to 1 and nothing lies above the
 * diagonal. The essay shows the heads of one block and the first head of every block.
 */
public final class AttentionMaps {

    /** The weights of one head: weights[query][key]. */
    public record Head(int block, int head, double[][] weights) {}

    private AttentionMaps() {}

    /** Every head of one block (0-based). */
    public static List<Head> block(GptProbe.Pass pass, int heads, int block) {
        if (block < 0 || block >= pass.attention().length) {
            throw new IllegalArgumentException("block " + (block + 1) + " does not exist: the model has " + pass.attention().length);
        }
        List<Head> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) out.add(head(pass, block, h));
        return out;
    }

    /** The first head of every block. */
    public static List<Head> firstHeads(GptProbe.Pass pass) {
        List<Head> out = new ArrayList<>();
        for (int l = 0; l < pass.attention().length; l++) out.add(head(pass, l, 0));
        return out;
    }

    static Head head(GptProbe.Pass pass, int block, int head) {
        int t = pass.length();
        float[] att = pass.attention()[block]; // (heads, t, t)
        double[][] w = new double[t][t];
        for (int q = 0; q < t; q++) for (int k = 0; k < t; k++) w[q][k] = att[(head * t + q) * t + k];
        return new Head(block, head, w);
    }

    /** The heads as a grid of heatmaps labelled with the tokens. */
    public static BufferedImage draw(String title, List<Head> heads, List<String> tokens) {
        List<BufferedImage> panels = new ArrayList<>();
        int cell = tokens.size() > 40 ? 8 : 16;
        for (Head h : heads) {
            panels.add(MatrixImage.of(h.weights()).title("block " + (h.block() + 1) + ", head " + (h.head() + 1))
                    .rows("query (attending)", tokens).columns("key (attended to)", tokens)
                    .scale(MatrixImage.Scale.SEQUENTIAL, 1).maxCell(cell).maxSize(600, 600).render());
        }
        return Pictures.grid(title, panels, java.util.Collections.nCopies(panels.size(), ""), heads.size() <= 4 ? heads.size() : heads.size() <= 9 ? 3 : 4);
    }
}
