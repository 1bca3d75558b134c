package nextword.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import nextword.lab.meaning.Figure;
import nextword.lab.parens.ParensExperiment;
import nextword.lab.parens.ParensFigures;
import nextword.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The parentheses experiment on its own command until {@code nextword lab parens} takes it in: trains the
 * one-block and two-block models and draws what they learnt.
 */
@Command(name = "lab-parens", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The essay's parentheses experiment: train 1-block and 2-block transformers (8 heads, width 128) on balanced",
                "sequences of '(' and ')' with an end token; draw the next-token probabilities along example sequences and",
                "the accuracy of closing runs of '(' by depth and by the length of what comes before."})
public final class LabParensCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "runs/parens", description = "Output folder; the models go to 1-block/ and 2-blocks/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "The tests' budget: a short context and a few seconds of training per model.")
    boolean quick;

    @Option(names = "--steps", description = "Training steps per model (default: 40 with --quick, else 300).")
    Integer steps;

    @Option(names = "--json", description = "Also write every number as parens.json.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ParensExperiment.Settings s = quick ? ParensExperiment.Settings.quick() : ParensExperiment.Settings.full();
        if (steps != null) {
            if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1");
            s = s.withSteps(steps);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "Training two transformers (%d heads, width %d, context %d) on balanced parentheses nested up to %d deep, %d steps of %d sequences each.%n",
                s.heads(), s.width(), s.length(), s.maxDepth(), s.steps(), s.batch());
        stdout.flush();
        List<ParensExperiment.ModelResult> results = ParensExperiment.run(s, out, Map.of(1, progress("1 block"), 2, progress("2 blocks")));
        for (ParensExperiment.ModelResult m : results) {
            stdout.printf(Locale.ROOT, "%n%s: %,d parameters, trained in %s. Correct completions of prefix + run of '(', by depth:%n",
                    m.name(), m.parameters(), ProgressLine.duration(m.seconds()));
            int deepest = m.last().accuracy().depths().length;
            for (ParensExperiment.Stage st : m.stages()) {
                ParensExperiment.Accuracy a = st.accuracy();
                stdout.printf(Locale.ROOT, "  after %4d steps (loss %.3f): depths 1-%d %3.0f%%, %d-%d %3.0f%%, %d-%d %3.0f%%%n", st.step(), st.loss(),
                        s.maxDepth() / 2, 100 * a.mean(1, s.maxDepth() / 2), s.maxDepth() / 2 + 1, s.maxDepth(), 100 * a.mean(s.maxDepth() / 2 + 1, s.maxDepth()),
                        s.maxDepth() + 1, deepest, 100 * a.mean(s.maxDepth() + 1, deepest));
            }
            ParensExperiment.Accuracy a = m.last().accuracy();
            StringBuilder head = new StringBuilder("  at the end: depth");
            for (int l : a.prefixLengths()) head.append(String.format(Locale.ROOT, " %9s", l == 0 ? "no prefix" : "prefix " + l));
            stdout.println(head);
            for (int d = 0; d < a.depths().length; d++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %18d", a.depths()[d]));
                for (double v : a.accuracy()[d]) row.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %9s", "") : String.format(Locale.ROOT, " %8.0f%%", 100 * v));
                stdout.println(row);
            }
        }
        stdout.println();
        for (Figure f : ParensFigures.write(results, s, out, json)) stdout.println("Wrote " + f.png());
        stdout.println("The models (open them with 'nextword inspect … --model'): " + out.resolve("1-block") + ", " + out.resolve("2-blocks"));
        return 0;
    }

    private Trainer.Listener progress(String name) {
        ProgressLine line = new ProgressLine(spec.commandLine().getErr(), name);
        return new Trainer.Listener() {
            @Override
            public void stepped(Trainer.Progress p) {
                line.status(p.step() + 1, p.totalSteps(), String.format(Locale.ROOT, "step %d/%d · loss %.3f · %,.0f tok/s · ETA %s",
                        p.step() + 1, p.totalSteps(), p.loss(), p.tokensPerSecond(), ProgressLine.duration(p.etaSeconds())));
                if (p.step() + 1 == p.totalSteps()) line.done();
            }
        };
    }
}
