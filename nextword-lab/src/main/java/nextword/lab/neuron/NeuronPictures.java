package nextword.lab.neuron;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import nextword.lab.Experiment;
import nextword.lab.Grids;
import nextword.lab.LabContext;
import nextword.lab.Regression;
import nextword.lab.Result;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Charts.Series;
import nextword.lab.plot.Pictures;
import nextword.lab.plot.PlotArea;
import nextword.nn.Activation;
import nextword.nn.Linear;
import nextword.nn.Sequential;
import nextword.tensor.Tensor;
import nextword.tensor.WeightLayout;

/**
 * One neuron with two inputs computes f(w₁x + w₂y + b): a weighted sum pushed through an activation
 * function. Pictures of that over the plane for several weights, and the four usual activation functions
 * side by side, all computed by the same tensor code the big nets use.
 */
public final class NeuronPictures extends Experiment {

    /** (w₁, w₂, b) settings to draw. */
    static final float[][] WEIGHTS = {{1, 0, 0}, {1, 1, 0}, {2, -1, 0.5f}, {-3, 4, 1}};
    static final Activation[] SHOWN = {Activation.RELU, Activation.SIGMOID};
    private static final double RANGE = 2;

    /** The closed form each activation should follow, for checking the tensor code against. */
    static double exact(Activation a, double x) {
        return switch (a) {
            case RELU -> Math.max(0, x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case GELU -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
        };
    }

    public NeuronPictures() {
        super("neuron",
                "What one neuron computes, f(w₁x + w₂y + b), for several weights, and the activation functions ReLU, tanh, sigmoid and GELU side by side.");
    }

    @Override
    public Result run(LabContext ctx) {
        Result result = new Result();
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Activation a : SHOWN) {
            for (float[] w : WEIGHTS) {
                Sequential neuron = neuron(w, a);
                tiles.add(map(neuron, label(a)));
                captions.add(label(a) + "(" + sum(w) + ")");
            }
        }
        result.figure(Pictures.save(Pictures.grid("One neuron, f(w₁x + w₂y + b), over the plane (red high, blue low, white 0)", tiles, captions, WEIGHTS.length),
                        ctx.file("neuron-maps.png")),
                "A neuron's output is constant along lines w₁x + w₂y = const: the weights turn and steepen a ramp (ReLU) or a step (sigmoid) whose edge sits where w₁x + w₂y + b = 0.");

        double[] xs = Grids.linspace(-4, 4, 801);
        float[] in = new float[xs.length];
        for (int i = 0; i < xs.length; i++) in[i] = (float) xs[i];
        List<Series> curves = new ArrayList<>();
        for (Activation a : Activation.values()) {
            float[] out = a.forward(Tensor.of(in, in.length)).toArray();
            double[] ys = new double[out.length];
            double worst = 0;
            for (int i = 0; i < out.length; i++) {
                ys[i] = out[i];
                worst = Math.max(worst, Math.abs(out[i] - exact(a, in[i])));
            }
            result.number(label(a) + " max deviation from its formula", worst);
            curves.add(new Series(label(a), xs, ys));
            if (a == Activation.GELU) {
                int min = 0;
                for (int i = 1; i < out.length; i++) if (out[i] < out[min]) min = i;
                result.number("GELU minimum", out[min]);
                result.number("GELU minimum at x", xs[min]);
            }
        }
        var chart = Charts.lines("Activation functions", "x", "f(x)", curves, false);
        Charts.yRange(chart, -1.2, 2.5);
        result.figure(Charts.savePng(chart, ctx.file("neuron-activations.png")),
                "ReLU is max(0, x); tanh and sigmoid squash everything into (−1, 1) and (0, 1); GELU is a smooth ReLU that dips slightly below zero for small negative x.");
        return result;
    }

    /** A one-neuron net: a Linear layer from 2 inputs to 1 output with the given weights, then the activation. */
    static Sequential neuron(float[] w, Activation a) {
        return new Sequential(new Linear(Tensor.of(new float[] {w[0], w[1]}, 1, 2), Tensor.of(new float[] {w[2]}, 1), WeightLayout.OUT_IN), a);
    }

    private static BufferedImage map(Sequential neuron, String title) {
        PlotArea area = new PlotArea(title, "x", "y", -RANGE, RANGE, -RANGE, RANGE, 200, 200, 0);
        float[] out = Regression.predict(neuron, area.pixelCentres(), 2);
        double max = 1e-9;
        for (float v : out) max = Math.max(max, Math.abs(v));
        int[] rgb = new int[out.length];
        for (int p = 0; p < out.length; p++) rgb[p] = Pictures.diverging(out[p] / max).getRGB() & 0xffffff;
        return area.paintPixels(rgb).finish();
    }

    private static String label(Activation a) {
        return switch (a) {
            case RELU -> "ReLU";
            case TANH -> "tanh";
            case SIGMOID -> "sigmoid";
            case GELU -> "GELU";
        };
    }

    private static String sum(float[] w) {
        return term(w[0], "x", true) + term(w[1], "y", false) + term(w[2], "", false);
    }

    private static String term(float c, String var, boolean first) {
        if (c == 0) return first ? "0" : "";
        String mag = Math.abs(c) == 1 && !var.isEmpty() ? "" : (c == Math.rint(c) ? Integer.toString((int) Math.abs(c)) : Float.toString(Math.abs(c)));
        String sign = c < 0 ? (first ? "−" : " − ") : (first ? "" : " + ");
        return sign + mag + var;
    }
}
