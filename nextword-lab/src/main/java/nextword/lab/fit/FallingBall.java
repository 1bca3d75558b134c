package nextword.lab.fit;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import nextword.lab.Experiment;
import nextword.lab.Grids;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Charts.Series;

/**
 * "What is a model": a ball dropped from each floor of a tower, timed with a stopwatch. Fitting a line,
 * a + bx + cx², and a + b/x + c·sin x shows that some model shapes suit the data and others do not, however
 * their parameters are chosen; a polynomial with as many parameters as measurements passes through every
 * one of them and says nonsense about the floors it was not shown.
 */
public final class FallingBall extends Experiment {

    static final int FLOORS = 16;
    static final double FLOOR_HEIGHT_M = 3.5;
    static final double G = 9.81;
    /** A stopwatch in a hand: about 0.03 s either way. */
    static final double STOPWATCH_S = 0.03;

    private static final Color FITTED = Color.BLACK;
    private static final Color HELD_OUT = new Color(214, 39, 40);

    /** A model: its formula (the legend's label) and the functions whose weighted sum it is. */
    record Model(String name, List<DoubleUnaryOperator> basis) {}

    public FallingBall() {
        super("fit",
                "What is a model: fitting a line, a quadratic and a + b/x + c·sin x to the times of a ball dropped from each floor of a tower, and a polynomial that overfits.");
    }

    @Override
    public Result run(LabContext ctx) {
        RandomGenerator rng = ctx.rng("stopwatch");
        double[] floors = new double[FLOORS];
        double[] times = new double[FLOORS];
        for (int i = 0; i < FLOORS; i++) {
            floors[i] = i + 1;
            times[i] = fallTime(floors[i]) + STOPWATCH_S * rng.nextGaussian();
        }
        // Odd floors are measured for fitting; even floors are held out to test what each model says.
        double[] trainX = everyOther(floors, 0);
        double[] trainY = everyOther(times, 0);
        double[] heldX = everyOther(floors, 1);
        double[] heldY = everyOther(times, 1);

        List<Model> shapes = List.of(
                new Model("a + b·x", List.of(x -> 1, x -> x)),
                new Model("a + b·x + c·x²", List.of(x -> 1, x -> x, x -> x * x)),
                new Model("a + b/x + c·sin x", List.of(x -> 1, x -> 1 / x, Math::sin)));
        // As many coefficients as training floors: powers of x/FLOORS keep the columns on one scale.
        List<DoubleUnaryOperator> powers = new ArrayList<>();
        for (int k = 0; k < trainX.length; k++) {
            int p = k;
            powers.add(x -> Math.pow(x / FLOORS, p));
        }
        Model overfit = new Model("degree-" + (trainX.length - 1) + " polynomial", powers);

        Result result = new Result();
        double[] grid = Grids.linspace(0.6, FLOORS + 0.4, 400);
        List<Series> curves = new ArrayList<>();
        double[][] fits = new double[shapes.size() + 1][];
        List<Model> all = new ArrayList<>(shapes);
        all.add(overfit);
        for (int m = 0; m < all.size(); m++) {
            Model model = all.get(m);
            double[] c = LeastSquares.fit(model.basis(), trainX, trainY);
            fits[m] = c;
            String key = m == all.size() - 1 ? "overfit" : model.name();
            result.number(key + " train rms error (s)", rms(model, c, trainX, trainY));
            result.number(key + " held-out rms error (s)", rms(model, c, heldX, heldY));
        }
        for (int m = 0; m < shapes.size(); m++) curves.add(curve(shapes.get(m), fits[m], grid));
        var chart = Charts.lines("Three models of the same measurements", "floor", "time to fall (s)", curves, false);
        Charts.withPoints(chart, new Series("fitted floors", trainX, trainY), FITTED);
        Charts.withPoints(chart, new Series("held-out floors", heldX, heldY), HELD_OUT);
        Charts.yRange(chart, 0, fallTime(FLOORS) * 1.4);
        result.figure(Charts.savePng(chart, ctx.file("fit-models.png")),
                "The timings from the odd floors (black) fitted by three shapes of model: a straight line misses the bend, the quadratic follows it, and a + b/x + c·sin x cannot follow it whatever its parameters.");

        var over = Charts.lines("Overfitting: a curve through every point", "floor", "time to fall (s)",
                List.of(curve(shapes.get(1), fits[1], grid), curve(overfit, fits[shapes.size()], grid)), false);
        Charts.withPoints(over, new Series("fitted floors", trainX, trainY), FITTED);
        Charts.withPoints(over, new Series("held-out floors", heldX, heldY), HELD_OUT);
        Charts.yRange(over, 0, fallTime(FLOORS) * 1.4);
        result.figure(Charts.savePng(over, ctx.file("fit-overfit.png")),
                "A polynomial with one coefficient per measurement passes exactly through every fitted floor, yet misses the held-out floors (red), above all the top one, by far more than the three-parameter quadratic.");
        return result;
    }

    /** √(2h/g): the ideal time to fall from the given floor, air resistance neglected. */
    static double fallTime(double floor) {
        return Math.sqrt(2 * floor * FLOOR_HEIGHT_M / G);
    }

    private static double rms(Model model, double[] c, double[] xs, double[] ys) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double e = LeastSquares.evaluate(model.basis(), c, xs[i]) - ys[i];
            s += e * e;
        }
        return Math.sqrt(s / xs.length);
    }

    private static Series curve(Model model, double[] c, double[] grid) {
        double[] y = new double[grid.length];
        for (int i = 0; i < grid.length; i++) y[i] = LeastSquares.evaluate(model.basis(), c, grid[i]);
        return new Series(model.name(), grid, y);
    }

    private static double[] everyOther(double[] values, int start) {
        double[] out = new double[(values.length - start + 1) / 2];
        for (int i = 0; i < out.length; i++) out[i] = values[start + 2 * i];
        return out;
    }
}
