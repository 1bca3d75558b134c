package nextword.lab.landscape;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import nextword.lab.Experiment;
import nextword.lab.Grids;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Charts.Series;
import nextword.lab.plot.Contours;
import nextword.lab.plot.Pictures;
import nextword.lab.plot.PlotArea;
import nextword.optim.SGD;
import nextword.tensor.Autograd;
import nextword.tensor.Tensor;

/**
 * The loss landscape of a net small enough to draw: one input, two tanh neurons, one output, and only the two
 * input weights (w₁, w₂) learned. Its cost over the (w₁, w₂) plane has a deep valley where the weights that
 * made the data lie, and a shallow one elsewhere. Gradient descent from the same start rolls into the
 * shallow valley and stays; with momentum it carries on across the saddle into the deep one.
 */
public final class LossLandscape extends Experiment {

    /** The fixed parts of the net: hidden biases and the output's weights. */
    static final float[] BIAS = {-0.6f, 0.3f};
    static final float[] OUT = {1f, -1.4f};
    /** The weights the data were made with: the bottom of the deep valley. */
    static final float[] TRUE = {-2.2f, -1.3f};
    static final float[] START = {0f, 0f};
    static final float LEARNING_RATE = 0.2f;
    static final float MOMENTUM = 0.9f;
    static final double RANGE = 4;

    private final Tensor xs;
    private final Tensor ys;

    public LossLandscape() {
        super("landscape",
                "A two-weight net's cost as a contour map: gradient descent caught in a local minimum, and the same start escaping it with momentum.");
        double[] x = Grids.linspace(-2, 2, 41);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];
        this.xs = Tensor.of(xf, xf.length, 1);
        try (var g = Autograd.noGrad()) {
            this.ys = forward(Tensor.of(TRUE, 2, 1)).detach();
        }
    }

    /** The net's outputs for all x: tanh(x·w + bias) · out, with w the (2, 1) weights being learned. */
    private Tensor forward(Tensor w) {
        Tensor out = Tensor.of(OUT, 1, 2);
        return xs.linear(w, Tensor.of(BIAS, 2)).tanh().linear(out, null); // (41, 1) → (41, 2) → (41, 1)
    }

    /** The cost at (w₁, w₂): mean squared error over the 41 examples. */
    double cost(double w1, double w2) {
        try (var g = Autograd.noGrad()) {
            return forward(Tensor.of(new float[] {(float) w1, (float) w2}, 2, 1)).mse(ys).item();
        }
    }

    /** A descent from START: the weights after each step (the start first) and the cost before each step. */
    record Path(double[] w1, double[] w2, double[] cost) {}

    Path descend(int steps, float momentum) {
        Tensor w = Tensor.of(START, 2, 1).requireGrad();
        SGD sgd = new SGD(List.of(new nextword.optim.ParamGroup(List.of(w), 0f)), LEARNING_RATE, momentum);
        double[] w1 = new double[steps + 1];
        double[] w2 = new double[steps + 1];
        double[] cost = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            w1[s] = w.data()[0];
            w2[s] = w.data()[1];
            Tensor loss = forward(w).mse(ys);
            cost[s] = loss.item();
            if (s == steps) break;
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
        return new Path(w1, w2, cost);
    }

    @Override
    public Result run(LabContext ctx) {
        int steps = ctx.quick() ? 300 : 600;
        Path plain = descend(steps, 0f);
        Path withMomentum = descend(steps, MOMENTUM);
        Result result = new Result();
        int last = steps;
        result.number("plain descent final cost", plain.cost()[last]);
        result.number("plain descent final w1", plain.w1()[last]);
        result.number("plain descent final w2", plain.w2()[last]);
        result.number("momentum descent final cost", withMomentum.cost()[last]);
        result.number("momentum descent final w1", withMomentum.w1()[last]);
        result.number("momentum descent final w2", withMomentum.w2()[last]);
        ctx.log(String.format("landscape: plain descent stops at cost %.4f, with momentum %.2g", plain.cost()[last], withMomentum.cost()[last]));

        result.figure(Pictures.save(map(plain, withMomentum, ctx.quick() ? 81 : 161), ctx.file("landscape-contours.png")),
                "The cost over the two weights (dark = low): from the same start, plain gradient descent (white) slides into the shallow valley on the right and stays there; with momentum (orange) the first steps build up speed that carries it across the saddle into the deep valley where the data's own weights lie, overshooting before it settles.");

        double[] step = new double[last + 1];
        for (int s = 0; s <= last; s++) step[s] = s;
        var chart = Charts.lines("Cost during descent", "step", "cost (mean squared error)",
                List.of(new Series("gradient descent", step, floorAt(plain.cost())), new Series("with momentum 0.9", step, floorAt(withMomentum.cost()))), true);
        result.figure(Charts.savePng(chart, ctx.file("landscape-cost.png")),
                "Plain descent's cost flattens out at the local minimum's value, about 0.085; with momentum it drops into the deep valley, swings past its floor a few times (the bumps) and ends near zero.");
        return result;
    }

    /** Log axes cannot show 0: costs below 1e-9 are drawn at 1e-9. */
    private static double[] floorAt(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.max(v[i], 1e-9);
        return out;
    }

    private BufferedImage map(Path plain, Path withMomentum, int grid) {
        PlotArea area = new PlotArea("Cost of the two-weight net over (w₁, w₂)", "w₁", "w₂", -RANGE, RANGE, -RANGE, RANGE, 520, 520, 230);
        double[][] z = area.sample(this::cost, grid);
        double max = 0;
        for (double[] row : z) for (double v : row) max = Math.max(max, v);
        List<Double> levels = new ArrayList<>();
        for (double l = 0.004; l < max; l *= 1.6) levels.add(l);
        Contours.draw(area, z, levels.stream().mapToDouble(Double::doubleValue).toArray());
        Color orange = new Color(255, 140, 0);
        area.line(plain.w1(), plain.w2(), Color.WHITE, 2.5f);
        area.line(withMomentum.w1(), withMomentum.w2(), orange, 2.5f);
        area.dot(START[0], START[1], Color.LIGHT_GRAY, 6, "start");
        int end = plain.w1().length - 1;
        area.dot(plain.w1()[end], plain.w2()[end], Color.WHITE, 6, "stuck");
        area.dot(withMomentum.w1()[end], withMomentum.w2()[end], orange, 6, "");
        area.dot(TRUE[0], TRUE[1], Color.BLACK, 3, "data's weights");
        area.legend(0, Color.WHITE, "gradient descent");
        area.legend(1, orange, "with momentum " + MOMENTUM);
        area.legend(3, Pictures.sequential(0), "low cost");
        area.legend(4, Pictures.sequential(1), "high cost");
        return area.finish();
    }
}
