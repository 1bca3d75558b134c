package nextword.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import nextword.app.report.LossChart;
import nextword.train.Trainer;

/** Shows a run as it goes: the progress line, validation results, samples; redraws the loss curve. */
final class TrainingConsole implements Trainer.Listener {

    private static final long REDRAW_NANOS = 30_000_000_000L;

    private final ProgressLine line;
    private final Path out;
    private final double bytesPerToken;
    private double lastValidation = Double.NaN;
    private long lastDrawn = System.nanoTime() - REDRAW_NANOS - 1; // nanoTime's origin is arbitrary

    TrainingConsole(ProgressLine line, Path out, double bytesPerToken) {
        this.line = line;
        this.out = out;
        this.bytesPerToken = bytesPerToken;
    }

    @Override
    public void started(int step, int totalSteps) {
        if (step > 0) line.message("resuming at step " + step);
    }

    @Override
    public void stepped(Trainer.Progress p) {
        boolean planned = p.totalSteps() < Integer.MAX_VALUE;
        String status = String.format(Locale.ROOT, "step %d%s · loss %.3f%s · %,.0f tok/s · lr %.1e · ETA %s",
                p.step() + 1, planned ? "/" + p.totalSteps() : "", p.loss(),
                Double.isNaN(lastValidation) ? "" : String.format(Locale.ROOT, " · val %.3f", lastValidation),
                p.tokensPerSecond(), p.learningRate(), ProgressLine.duration(p.etaSeconds()));
        line.status(p.step() + 1, planned ? p.totalSteps() : 0, status);
    }

    @Override
    public void evaluated(int step, double validationLoss) {
        lastValidation = validationLoss;
        String bpb = Double.isNaN(bytesPerToken) ? ""
                : String.format(Locale.ROOT, ", %.3f bits per byte", validationLoss / Math.log(2) / bytesPerToken);
        line.message(String.format(Locale.ROOT, "step %d: validation loss %.4f%s", step, validationLoss, bpb));
        // Drawing takes a moment that training could use: keep the picture at most half a minute old.
        if (System.nanoTime() - lastDrawn > REDRAW_NANOS) redraw();
    }

    @Override
    public void sampled(int step, String text) {
        line.message("step " + step + " sample: " + text.replace("\n", "⏎"));
    }

    /** Redraws loss.png from the log (a failure to draw never stops training). */
    void redraw() {
        lastDrawn = System.nanoTime();
        try {
            LossChart.draw(out);
        } catch (IOException | RuntimeException e) {
            line.message("nextword: warning: could not draw " + LossChart.FILE + ": " + e.getMessage());
        }
    }

    void finish() {
        line.done();
    }
}
