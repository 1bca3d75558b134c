package nextword.lab.parens;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.lab.meaning.Figure;
import nextword.lab.meaning.JsonFile;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Grid;
import nextword.lab.plot.MatrixImage;
import nextword.lab.plot.Png;

/** The parentheses experiment's pictures: next-token probabilities along sequences, and completion accuracy. */
public final class ParensFigures {

    private static final List<String> NEXT = List.of("P( ) )", "P( ( )", "P(end)");

    private ParensFigures() {}

    /** Draws all three pictures into out, and with json every number too (parens.json). */
    public static List<Figure> write(List<ParensExperiment.ModelResult> results, ParensExperiment.Settings s, Path out, boolean json) throws IOException {
        if (json) JsonFile.write(out.resolve("parens.json"), Map.of("settings", s, "models", results));
        return List.of(
                new Figure(Png.save(probabilities(results), out.resolve("parens-probabilities.png")), "Next-token probabilities",
                        "P(\")\"), P(\"(\") and P(end) after every token of two balanced sequences, for the 1-block and 2-block models."),
                new Figure(Png.save(accuracyChart(results, s.maxDepth()), out.resolve("parens-accuracy.png")), "Closing runs of '('",
                        "How often each model closes a run of '(' with exactly as many ')' and then ends, by the run's depth."),
                new Figure(Png.save(accuracyTables(results), out.resolve("parens-accuracy-table.png")), "Accuracy by depth and prefix length",
                        "The same accuracy when a balanced sequence of a given length comes before the run."));
    }

    /** For each model and example: a table of P(")"), P("(") and P(end) after every position. */
    public static BufferedImage probabilities(List<ParensExperiment.ModelResult> results) {
        List<BufferedImage> panels = new ArrayList<>();
        for (ParensExperiment.ModelResult m : results) {
            for (ParensExperiment.Probabilities p : m.probabilities()) {
                int t = p.sequence().length();
                double[][] v = {p.close(), p.open(), p.end()};
                String[][] text = new String[3][t];
                for (int r = 0; r < 3; r++) for (int i = 0; i < t; i++) text[r][i] = String.format(Locale.ROOT, "%.0f%%", 100 * v[r][i]);
                List<String> columns = new ArrayList<>();
                for (int i = 0; i < t; i++) columns.add(p.sequence().substring(i, i + 1));
                panels.add(MatrixImage.of(v).title(m.name() + ": next token after each prefix of " + p.sequence())
                        .rows("", NEXT).columns("after each token of the sequence", columns).cellText(text)
                        .scale(MatrixImage.Scale.SEQUENTIAL, 1).render());
            }
        }
        return Grid.of("What the parentheses models expect next", panels, Math.max(1, results.isEmpty() ? 1 : results.getFirst().probabilities().size()));
    }

    /** Accuracy of closing a run of "(" against the run's depth: after no prefix, and averaged over the longer prefixes. */
    public static BufferedImage accuracyChart(List<ParensExperiment.ModelResult> results, int trainedDepth) {
        List<Charts.Series> series = new ArrayList<>();
        for (ParensExperiment.ModelResult m : results) {
            ParensExperiment.Accuracy a = m.accuracy();
            List<double[]> bare = new ArrayList<>(), prefixed = new ArrayList<>();
            for (int d = 0; d < a.depths().length; d++) {
                if (!Double.isNaN(a.accuracy()[d][0])) bare.add(new double[] {a.depths()[d], 100 * a.accuracy()[d][0]});
                double sum = 0;
                int n = 0;
                for (int p = 1; p < a.prefixLengths().length; p++) {
                    if (Double.isNaN(a.accuracy()[d][p])) continue;
                    sum += a.accuracy()[d][p];
                    n++;
                }
                if (n > 0) prefixed.add(new double[] {a.depths()[d], 100 * sum / n});
            }
            series.add(series(m.name() + ", the run alone", bare));
            if (!prefixed.isEmpty()) series.add(series(m.name() + ", after a balanced prefix", prefixed));
        }
        return Png.of(Charts.lines(String.format(Locale.ROOT, "Closing a run of '(' correctly (trained on depths up to %d)", trainedDepth),
                "depth of the run (number of '(')", "correct completions (%)", series, false));
    }

    /** The accuracy tables, one per model: rows are depths, columns prefix lengths. */
    public static BufferedImage accuracyTables(List<ParensExperiment.ModelResult> results) {
        List<BufferedImage> panels = new ArrayList<>();
        for (ParensExperiment.ModelResult m : results) {
            ParensExperiment.Accuracy a = m.accuracy();
            String[][] text = new String[a.depths().length][a.prefixLengths().length];
            List<String> rows = new ArrayList<>(), cols = new ArrayList<>();
            for (int d = 0; d < a.depths().length; d++) {
                rows.add("depth " + a.depths()[d]);
                for (int p = 0; p < a.prefixLengths().length; p++) {
                    double v = a.accuracy()[d][p];
                    text[d][p] = Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
                }
            }
            for (int l : a.prefixLengths()) cols.add(l == 0 ? "no prefix" : "prefix " + l);
            panels.add(MatrixImage.of(a.accuracy()).title(m.name() + " (" + m.steps() + " steps)").rows("run of '('", rows)
                    .columns("balanced prefix before the run", cols).cellText(text).scale(MatrixImage.Scale.SEQUENTIAL, 1).render());
        }
        return Grid.of("Correct completions of prefix + run of '(' (the likelier of ')' and end at each step)", panels, panels.size());
    }

    private static Charts.Series series(String name, List<double[]> points) {
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Charts.Series(name, x, y);
    }
}
