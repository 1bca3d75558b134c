package nextword.lab.meaning;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nextword.io.NamedTensor;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Pictures;
import nextword.lab.plot.MatrixImage;
import nextword.model.GptWeights;

/**
 * What a trained GPT's weights look like: one layer's matrix as an image, its moving average (the essay
 * uses a 64×64 window: the numbers look random, but averaged they show structure that training left), and
 * the distribution of the weight values in each block.
 */
public final class WeightPictures {

    /** The essay's window. */
    public static final int WINDOW = 64;

    /**
     * Density of weight values per block: density[block][bin] over bins of equal width between edges[0] and
     * edges[bins]; values beyond the range are counted in the end bins.
     */
    public record Histogram(List<String> blocks, double[] edges, double[][] density) {}

    private WeightPictures() {}

    /** The matrix named name (e.g. "h.0.attn.c_proj.weight"), (rows, cols) as stored (in, out). */
    public static double[][] matrix(GptWeights w, String name) {
        NamedTensor t = w.tensors().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no tensor '" + name + "' (matrices: " + String.join(", ", matrixNames(w).subList(0, Math.min(8, matrixNames(w).size()))) + ", …)"));
        if (t.shape().length != 2) throw new IllegalArgumentException("'" + name + "' is not a matrix (shape " + java.util.Arrays.toString(t.shape()) + ")");
        int rows = t.shape()[0], cols = t.shape()[1];
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m[r][c] = t.data()[r * cols + c];
        return m;
    }

    /** The names of the model's matrices. */
    public static List<String> matrixNames(GptWeights w) {
        return w.tensors().stream().filter(t -> t.shape().length == 2).map(NamedTensor::name).toList();
    }

    /** The mean of every window × window square of m: (rows − window + 1, cols − window + 1), by a summed-area table. */
    public static double[][] movingAverage(double[][] m, int window) {
        int rows = m.length, cols = m[0].length;
        if (window < 1 || window > rows || window > cols) throw new IllegalArgumentException("window " + window + " does not fit a " + rows + "×" + cols + " matrix");
        double[][] s = new double[rows + 1][cols + 1]; // s[r][c] = Σ of m over [0, r) × [0, c)
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) s[r + 1][c + 1] = m[r][c] + s[r][c + 1] + s[r + 1][c] - s[r][c];
        double[][] out = new double[rows - window + 1][cols - window + 1];
        double area = (double) window * window;
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < out[0].length; c++) out[r][c] = (s[r + window][c + window] - s[r][c + window] - s[r + window][c] + s[r][c]) / area;
        }
        return out;
    }

    /** The matrix beside its moving average (window shrunk to the matrix when it is smaller than 64). */
    public static BufferedImage drawMatrix(String model, String name, double[][] m) {
        int window = Math.min(WINDOW, Math.min(m.length, m[0].length));
        String shape = m.length + "×" + m[0].length;
        return Pictures.grid(model + ": " + name, List.of(
                MatrixImage.of(m).title("weights (" + shape + (m[0].length > 1400 || m.length > 900 ? ", averaged down to fit" : "") + ")")
                        .rows("input", null).columns("output", null).maxSize(1400, 900).maxCell(12).squareCells().render(),
                MatrixImage.of(movingAverage(m, window)).title(window + "×" + window + " moving average")
                        .rows("input", null).columns("output", null).maxSize(1400, 900).maxCell(12).squareCells().render()), List.of("", ""), 1);
    }

    /** The distribution of each block's matrix weights (attention and MLP), on one scale: ±4 standard deviations of all of them. */
    public static Histogram histogram(GptWeights w, int bins) {
        double sq = 0;
        long n = 0;
        for (GptWeights.Block b : w.h) {
            for (float[] m : matrices(b)) {
                for (float x : m) sq += (double) x * x;
                n += m.length;
            }
        }
        double range = 4 * Math.sqrt(sq / n);
        double width = 2 * range / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = -range + i * width;
        List<String> names = new ArrayList<>();
        double[][] density = new double[w.h.length][bins];
        for (int l = 0; l < w.h.length; l++) {
            names.add("block " + (l + 1));
            long count = 0;
            for (float[] m : matrices(w.h[l])) {
                for (float x : m) density[l][Math.max(0, Math.min(bins - 1, (int) Math.floor((x + range) / width)))]++;
                count += m.length;
            }
            for (int i = 0; i < bins; i++) density[l][i] /= count * width;
        }
        return new Histogram(names, edges, density);
    }

    private static List<float[]> matrices(GptWeights.Block b) {
        return List.of(b.qkvWeight, b.attnProjWeight, b.fcWeight, b.fcProjWeight);
    }

    public static BufferedImage drawHistogram(String model, Histogram h) {
        List<Charts.Series> series = new ArrayList<>();
        int bins = h.density()[0].length;
        double[] centres = new double[bins];
        for (int i = 0; i < bins; i++) centres[i] = (h.edges()[i] + h.edges()[i + 1]) / 2;
        for (int l = 0; l < h.blocks().size(); l++) series.add(new Charts.Series(h.blocks().get(l), centres, h.density()[l]));
        var chart = Charts.lines(String.format(Locale.ROOT, "%s: weight values of each block's matrices (±4σ; tails in the end bins)", model),
                "weight value", "density", series, false);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        return Charts.image(chart);
    }
}
