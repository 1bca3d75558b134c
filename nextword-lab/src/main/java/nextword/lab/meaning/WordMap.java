package nextword.lab.meaning;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nextword.lab.plot.ScatterPlot;

/**
 * Word vectors laid out in the plane, to see which words the training put together: by PCA (the two
 * directions of greatest spread; distances are faithful but crowded) or by t-SNE (neighbourhoods kept,
 * global distances not).
 */
public final class WordMap {

    /** How to flatten. */
    public enum Method { PCA, TSNE }

    /** A word at its place. */
    public record Placed(String word, String group, double x, double y) {}

    /** The whole layout: what to draw, and how to label its axes. */
    public record Layout(String title, Method method, List<String> groups, List<Placed> points, String xAxis, String yAxis) {}

    private WordMap() {}

    /** Places the groups' words (all known to the vectors) by method. */
    public static Layout place(WordVectors vectors, List<WordSets.Group> groups, Method method, long seed, String title) {
        List<String> words = new ArrayList<>();
        List<String> groupOf = new ArrayList<>();
        for (WordSets.Group g : groups) {
            for (String w : g.words()) {
                words.add(w);
                groupOf.add(g.name());
            }
        }
        if (words.size() < 4) throw new IllegalArgumentException("a word map needs at least 4 known words, got " + words.size() + " " + words);
        double[][] x = new double[words.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] v = vectors.vector(words.get(i));
            x[i] = new double[v.length];
            // Unit length: word2vec's lengths mostly track frequency, while the directions carry the meaning.
            double norm = 0;
            for (float f : v) norm += f * f;
            for (int j = 0; j < v.length; j++) x[i][j] = v[j] / Math.sqrt(Math.max(norm, 1e-30));
        }
        double[][] y;
        String xAxis, yAxis;
        if (method == Method.PCA) {
            Pca pca = Pca.fit(x, 2);
            y = pca.project(x);
            xAxis = String.format(Locale.ROOT, "PC1 (%.0f%% of the variance)", 100 * pca.explained(0));
            yAxis = String.format(Locale.ROOT, "PC2 (%.0f%%)", 100 * pca.explained(1));
        } else {
            y = Tsne.defaults(seed).embed(x);
            xAxis = "t-SNE 1";
            yAxis = "t-SNE 2";
        }
        List<Placed> points = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) points.add(new Placed(words.get(i), groupOf.get(i), y[i][0], y[i][1]));
        return new Layout(title, method, groups.stream().map(WordSets.Group::name).toList(), points, xAxis, yAxis);
    }

    /** The layout as a labelled scatter plot. */
    public static BufferedImage draw(Layout layout) {
        ScatterPlot plot = new ScatterPlot(layout.title(), layout.xAxis(), layout.yAxis()).groups(layout.groups());
        for (Placed p : layout.points()) plot.point(p.x(), p.y(), p.word(), layout.groups().indexOf(p.group()), 3.5);
        int n = layout.points().size();
        int side = n > 120 ? 1300 : 1000;
        return plot.render(side, side * 4 / 5);
    }
}
