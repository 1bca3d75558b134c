package nextword.lab.parens;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.lab.Experiment;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.train.Trainer;

/** The parentheses experiment as {@code nextword lab parens}: see {@link ParensExperiment}. */
public final class Parentheses extends Experiment {

    public Parentheses() {
        super("parens",
                "Transformers of one and two blocks learn balanced parentheses: what they expect next, and how deep a run of '(' they close as training goes on.");
    }

    @Override
    public Result run(LabContext c) throws IOException {
        ParensExperiment.Settings base = c.quick() ? ParensExperiment.Settings.quick() : ParensExperiment.Settings.full();
        ParensExperiment.Settings s = base.withSeed(c.seed());
        List<ParensExperiment.ModelResult> models = ParensExperiment.run(s, c.dir(), Map.of(1, progress(c, "1 block"), 2, progress(c, "2 blocks")));
        Result r = new Result();
        for (Result.Figure f : ParensFigures.write(models, s, c.dir(), true)) r.figure(f.file(), f.caption());
        int half = s.maxDepth() / 2, deepest = s.length() / 2;
        for (ParensExperiment.ModelResult m : models) {
            r.number(m.name() + " parameters", m.parameters());
            r.number(m.name() + " final training loss", m.last().loss());
            for (ParensExperiment.Stage st : m.stages()) {
                ParensExperiment.Accuracy a = st.accuracy();
                String at = String.format(Locale.ROOT, "%s after %d steps: closed correctly, depth ", m.name(), st.step());
                r.number(at + "1-" + half, a.mean(1, half));
                r.number(at + (half + 1) + "-" + s.maxDepth(), a.mean(half + 1, s.maxDepth()));
                r.number(at + (s.maxDepth() + 1) + "-" + deepest + " (deeper than trained)", a.mean(s.maxDepth() + 1, deepest));
            }
        }
        return r;
    }

    private static Trainer.Listener progress(LabContext c, String name) {
        return new Trainer.Listener() {
            @Override
            public void stepped(Trainer.Progress p) {
                if ((p.step() + 1) % 50 == 0 || p.step() + 1 == p.totalSteps()) {
                    c.log(String.format(Locale.ROOT, "parens %s: step %d/%d, loss %.3f, %,.0f tokens/s", name, p.step() + 1, p.totalSteps(), p.loss(), p.tokensPerSecond()));
                }
            }
        };
    }
}
