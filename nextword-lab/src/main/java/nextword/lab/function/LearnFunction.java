package nextword.lab.function;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import nextword.lab.Experiment;
import nextword.lab.Grids;
import nextword.lab.LabContext;
import nextword.lab.Regression;
import nextword.lab.Result;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Charts.Series;
import nextword.nn.Activation;
import nextword.nn.MLP;
import nextword.optim.LearningRateSchedule;

/**
 * A net with one input and one output learns a piecewise function from examples: what it computes with
 * random weights, then after seeing more and more examples, how its loss falls, and how several nets
 * trained from different random starts agree where they were taught and disagree beyond it.
 */
public final class LearnFunction extends Experiment {

    static final int[] WIDTHS = {1, 32, 32, 1};
    static final int BATCH = 32;
    static final int RESTARTS = 5;
    /** Where the examples come from. */
    static final double LO = -1;
    static final double HI = 1;
    /** How far the restarts are drawn: three times the training range. */
    static final double FAR = 3;

    /** The function to learn: a flat stretch, a jump down, a ramp up to a kink, a ramp down. */
    static double target(double x) {
        if (x < -0.4) return 0.6;
        if (x < 0.4) return -0.4 + 1.5 * (x + 0.4);
        return 0.8 - 2 * (x - 0.4);
    }

    public LearnFunction() {
        super("function",
                "A net with one input and one output learns a piecewise function: random weights, more and more examples, the loss curve, and restarts that agree on the training range and disagree outside it.");
    }

    @Override
    public Result run(LabContext ctx) {
        int totalExamples = ctx.quick() ? 40_000 : 160_000;
        int steps = totalExamples / BATCH;
        Regression.Examples data = examples(20_000, ctx.rng("examples"));
        double[] inside = Grids.linspace(LO, HI, 401);
        double[] wide = Grids.linspace(-FAR, FAR, 601);
        Result result = new Result();

        // What random weights compute: nothing like the target, and different every time.
        List<Series> random = new ArrayList<>();
        random.add(new Series("target", inside, targetOn(inside)));
        for (int r = 0; r < 4; r++) random.add(new Series("random net " + (r + 1), inside, outputs(net(ctx.rng("random " + r)), inside)));
        result.figure(Charts.savePng(Charts.lines("Before training: nets with random weights", "x", "output", random, false),
                        ctx.file("function-random.png")),
                "Four nets with random weights compute gentle, arbitrary curves: training has to find, among all the curves such a net can draw, one close to the target.");

        // One net, caught after more and more examples.
        List<Series> progress = new ArrayList<>();
        progress.add(new Series("target", inside, targetOn(inside)));
        float[][] restartsWide = new float[RESTARTS][];
        float[] firstLosses = null;
        double worstFit = 0;
        for (int r = 0; r < RESTARTS; r++) {
            MLP net = net(ctx.rng("restart " + r));
            List<Integer> snapshots = r == 0 ? snapshotSteps(steps) : List.of();
            float[] losses = Regression.train(net, net.parameters(), data, steps, BATCH,
                    LearningRateSchedule.warmupCosine(3e-3f, 1e-4f, 100, steps), ctx.rng("batches " + r),
                    (step, loss) -> {
                        if (snapshots.contains(step)) {
                            progress.add(new Series("after " + String.format("%,d", step * BATCH) + " examples", inside, outputs(net, inside)));
                        }
                    });
            if (r == 0) firstLosses = losses;
            double fit = Regression.mse(floats(outputs(net, inside)), floats(targetOn(inside)));
            worstFit = Math.max(worstFit, fit);
            restartsWide[r] = floats(outputs(net, wide));
            ctx.log(String.format("function: restart %d fits the training range to mean squared error %.4f", r + 1, fit));
        }
        result.figure(Charts.savePng(Charts.lines("Learning from more and more examples", "x", "output", progress, false),
                        ctx.file("function-progress.png")),
                "The same net after seeing more and more examples: first a rough average, then the ramps, and at last the jump and the kink.");

        result.figure(Charts.savePng(lossCurve(firstLosses), ctx.file("function-loss.png")),
                "The loss (mean squared error on each batch of 32, averaged over 100 batches) falls fast at first and then ever more slowly: the typical shape of training.");

        List<Series> restarts = new ArrayList<>();
        restarts.add(new Series("target on the training range", inside, targetOn(inside)));
        for (int r = 0; r < RESTARTS; r++) restarts.add(new Series("restart " + (r + 1), wide, doubles(restartsWide[r])));
        var chart = Charts.lines("Different random starts: same fit inside, different guesses outside", "x", "output", restarts, false);
        Charts.yRange(chart, -4, 4);
        result.figure(Charts.savePng(chart, ctx.file("function-restarts.png")),
                "Five nets trained from different random weights fit [−1, 1] equally well, yet outside it, where there were no examples, each extrapolates its own way.");

        double spreadInside = spread(restartsWide, wide, true);
        double spreadOutside = spread(restartsWide, wide, false);
        result.number("worst restart's mean squared error on the training range", worstFit);
        result.number("spread of restarts inside the training range", spreadInside);
        result.number("spread of restarts outside the training range", spreadOutside);
        result.number("final loss", mean(firstLosses, firstLosses.length - 100, firstLosses.length));
        return result;
    }

    static MLP net(RandomGenerator rng) {
        return new MLP(rng, Activation.RELU, WIDTHS);
    }

    static Regression.Examples examples(int n, RandomGenerator rng) {
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(LO, HI);
            y[i] = (float) target(x[i]);
        }
        return new Regression.Examples(x, 1, y, 1);
    }

    /** Steps at which the first net is drawn: after 1/256, 1/64, 1/16, 1/4 and all of its examples. */
    private static List<Integer> snapshotSteps(int steps) {
        return List.of(steps / 256, steps / 64, steps / 16, steps / 4, steps);
    }

    private static double[] outputs(MLP net, double[] xs) {
        return doubles(Regression.predict(net, floats(xs), 1));
    }

    private static double[] targetOn(double[] xs) {
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) y[i] = target(xs[i]);
        return y;
    }

    /** The average over the grid (inside or outside the training range) of the restarts' standard deviation. */
    private static double spread(float[][] outputs, double[] xs, boolean inside) {
        double total = 0;
        int count = 0;
        for (int i = 0; i < xs.length; i++) {
            if ((xs[i] >= LO && xs[i] <= HI) != inside) continue;
            double m = 0;
            for (float[] o : outputs) m += o[i];
            m /= outputs.length;
            double v = 0;
            for (float[] o : outputs) v += (o[i] - m) * (o[i] - m);
            total += Math.sqrt(v / outputs.length);
            count++;
        }
        return total / count;
    }

    private static org.knowm.xchart.XYChart lossCurve(float[] losses) {
        int window = 100;
        int points = losses.length / window;
        double[] x = new double[points];
        double[] y = new double[points];
        for (int p = 0; p < points; p++) {
            x[p] = (double) (p + 1) * window * BATCH;
            y[p] = mean(losses, p * window, (p + 1) * window);
        }
        var chart = Charts.lines("Loss while learning", "examples seen", "mean squared error", List.of(new Series("training loss", x, y)), true);
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    private static double mean(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
