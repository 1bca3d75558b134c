package nextword.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nextword.lab.plot.Charts;
import nextword.train.TrainingLog;

/** The loss curve of a run, drawn from its log: every step's training loss, its trend, and validation. */
public final class LossChart {

    public static final String FILE = "loss.png";

    private LossChart() {}

    /** Draws log.jsonl of dir into dir/loss.png and returns its path. */
    public static Path draw(Path dir) throws IOException {
        List<JsonNode> log = TrainingLog.read(dir.resolve(TrainingLog.FILE));
        List<double[]> train = new ArrayList<>();
        List<double[]> val = new ArrayList<>();
        for (JsonNode e : log) {
            if (e.has("loss")) train.add(new double[] {e.get("step").asDouble(), e.get("loss").asDouble()});
            if (e.has("val_loss")) val.add(new double[] {e.get("step").asDouble(), e.get("val_loss").asDouble()});
        }
        List<Charts.Series> series = new ArrayList<>();
        if (!train.isEmpty()) {
            series.add(series("training (each step)", train));
            series.add(series("training (trend)", smooth(train, Math.max(1, train.size() / 25))));
        }
        if (!val.isEmpty()) series.add(series("validation", val));
        if (series.isEmpty()) series.add(new Charts.Series("no steps yet", new double[] {0}, new double[] {0}));
        return Charts.savePng(Charts.lines("Loss while training", "step", "cross-entropy (nats per token)", series, false), dir.resolve(FILE));
    }

    private static Charts.Series series(String name, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Charts.Series(name, x, y);
    }

    /** A centred moving average over 2·half + 1 points (fewer at the ends). */
    private static List<double[]> smooth(List<double[]> points, int half) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(points.size(), i + half + 1);
            double s = 0;
            for (int j = from; j < to; j++) s += points.get(j)[1];
            out.add(new double[] {points.get(i)[0], s / (to - from)});
        }
        return out;
    }
}
