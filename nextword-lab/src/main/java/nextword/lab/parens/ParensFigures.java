package nextword.lab.parens;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.lab.Result;
import nextword.lab.meaning.JsonFile;
import nextword.lab.plot.Charts;
import nextword.lab.plot.MatrixImage;
import nextword.lab.plot.Pictures;

/** The parentheses experiment's pictures: next-token probabilities along sequences, and completion accuracy. */
public final class ParensFigures {

    private static final List<String> NEXT = List.of("P( ) )", "P( ( )", "P(end)");

    private ParensFigures() {}

    /** Draws all three pictures into out, and with json every number too (parens.json). */
    public static List<Result.Figure> write(List<ParensExperiment.ModelResult> results, ParensExperiment.Settings s, Path out, boolean json) throws IOException {
        if (json) JsonFile.write(out.resolve("parens.json"), Map.of("settings", s, "models", results));
        return List.of(
                new Result.Figure(Pictures.save(probabilities(results), out.resolve("parens-probabilities.png")),
                        "P(\")\"), P(\"(\") and P(end) after every token of two balanced sequences, for the one-block and two-block models."),
                new Result.Figure(Pictures.save(accuracyChart(results, s.maxDepth()), out.resolve("parens-accuracy.png")),
                        "How often each model closes a run of '(' with exactly as many ')' and then ends, by depth, at four points of its training."),
                new Result.Figure(Pictures.save(accuracyTables(results), out.resolve("parens-accuracy-table.png")),
                        "The same accuracy by depth and by the length of the balanced sequence before the run, early in training and at the end."));
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
        return Pictures.grid("What the parentheses models expect next", panels, java.util.Collections.nCopies(panels.size(), ""), Math.max(1, results.isEmpty() ? 1 : results.getFirst().probabilities().size()));
    }

    /** For each model, the accuracy of closing a run of "(" against its depth, a line per training stage. */
    public static BufferedImage accuracyChart(List<ParensExperiment.ModelResult> results, int trainedDepth) {
        List<BufferedImage> panels = new ArrayList<>();
        for (ParensExperiment.ModelResult m : results) {
            List<Charts.Series> series = new ArrayList<>();
            for (ParensExperiment.Stage st : m.stages()) {
                ParensExperiment.Accuracy a = st.accuracy();
                List<double[]> points = new ArrayList<>();
                for (int d : a.depths()) points.add(new double[] {d, 100 * a.mean(d, d)});
                series.add(series("after " + st.step() + " steps", points));
            }
            var chart = Charts.lines(String.format(Locale.ROOT, "%s: closing a run of '(' (trained on depths up to %d)", m.name(), trainedDepth),
                    "depth of the run (number of '(')", "correct completions, all prefixes (%)", series, false);
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
            panels.add(Charts.image(chart));
        }
        return Pictures.grid("", panels, java.util.Collections.nCopies(panels.size(), ""), panels.size());
    }

    /** Accuracy tables (rows: depths, columns: prefix lengths) for each model, early in training and at the end. */
    public static BufferedImage accuracyTables(List<ParensExperiment.ModelResult> results) {
        List<BufferedImage> panels = new ArrayList<>();
        for (ParensExperiment.ModelResult m : results) {
            List<ParensExperiment.Stage> shown = m.stages().size() > 1 ? List.of(m.stages().getFirst(), m.last()) : m.stages();
            for (ParensExperiment.Stage st : shown) {
                ParensExperiment.Accuracy a = st.accuracy();
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
                panels.add(MatrixImage.of(a.accuracy()).title(m.name() + " after " + st.step() + " steps").rows("run of '('", rows)
                        .columns("balanced prefix before the run", cols).cellText(text).scale(MatrixImage.Scale.SEQUENTIAL, 1).render());
            }
        }
        return Pictures.grid("Correct completions of prefix + run of '(' (the likelier of ')' and end at each step)", panels, java.util.Collections.nCopies(panels.size(), ""), 2);
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
