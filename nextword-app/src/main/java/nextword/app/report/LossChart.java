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
            series.add(series(train.size() > MAX_POINTS ? "training (mean of every " + bucket(train.size()) + " steps)" : "training (each step)",
                    buckets(train, bucket(train.size()))));
            series.add(series("training (trend)", buckets(smooth(train, Math.max(1, train.size() / 25)), bucket(train.size()))));
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

    /** Long runs are drawn as means of buckets of steps: a picture has only so many pixels anyway. */
    private static final int MAX_POINTS = 1000;

    private static int bucket(int points) {
        return (points + MAX_POINTS - 1) / MAX_POINTS;
    }

    /** Means of consecutive runs of size points (x and y alike). */
    private static List<double[]> buckets(List<double[]> points, int size) {
        if (size <= 1) return points;
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += size) {
            int to = Math.min(points.size(), i + size);
            double x = 0;
            double y = 0;
            for (int j = i; j < to; j++) {
                x += points.get(j)[0];
                y += points.get(j)[1];
            }
            out.add(new double[] {x / (to - i), y / (to - i)});
        }
        return out;
    }

    /** A centred moving average over 2·half + 1 points (fewer near the ends). */
    private static List<double[]> smooth(List<double[]> points, int half) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int h = Math.min(half, Math.min(i, points.size() - 1 - i)); // symmetric, so the ends are not dragged
            int from = i - h;
            int to = i + h + 1;
            double s = 0;
            for (int j = from; j < to; j++) s += points.get(j)[1];
            out.add(new double[] {points.get(i)[0], s / (to - from)});
        }
        return out;
    }
}
