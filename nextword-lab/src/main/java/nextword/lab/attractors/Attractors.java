package nextword.lab.attractors;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import nextword.lab.Experiment;
import nextword.lab.LabContext;
import nextword.lab.Regression;
import nextword.lab.Result;
import nextword.lab.plot.NetDiagram;
import nextword.lab.plot.Pictures;
import nextword.lab.plot.PlotArea;
import nextword.nn.Activation;
import nextword.nn.Linear;
import nextword.nn.MLP;
import nextword.optim.LearningRateSchedule;

/**
 * The essay's first neural net task: points in the plane, each to be labelled by the nearest of three
 * "attractor" points. A net with two inputs (x, y) and one output is trained to output −1, 0 or +1 for the
 * three basins; nets of several sizes draw the basins' borders, the bigger ones more cleanly.
 */
public final class Attractors extends Experiment {

    /** The three attractors and the output each basin is taught: −1, 0, +1. */
    static final double[][] POINTS = {{-0.45, -0.35}, {0.55, -0.3}, {0.05, 0.6}};
    static final float[] VALUES = {-1f, 0f, 1f};
    static final double RANGE = 1.0;

    /** The sizes compared: hidden layer widths; neurons are the hidden ones plus the output. */
    static final int[][] HIDDEN = {{2}, {4, 4}, {8, 8}, {16, 16, 16}};
    /** The essay's net: 17 neurons. */
    static final int ESSAY_NEURONS = 17;

    private static final int TILE = 260;

    /** The attractor nearest (x, y): 0, 1 or 2. */
    static int nearest(double x, double y) {
        int best = 0;
        for (int k = 1; k < POINTS.length; k++) {
            if (dist2(x, y, POINTS[k]) < dist2(x, y, POINTS[best])) best = k;
        }
        return best;
    }

    private static double dist2(double x, double y, double[] p) {
        return (x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]);
    }

    /** The basin a net's output stands for: the value among VALUES nearest to it. */
    static int basin(float output) {
        int best = 0;
        for (int k = 1; k < VALUES.length; k++) if (Math.abs(output - VALUES[k]) < Math.abs(output - VALUES[best])) best = k;
        return best;
    }

    /** n random points of the square with their basins' values as targets. */
    static Regression.Examples points(int n, RandomGenerator rng) {
        float[] xy = new float[2 * n];
        float[] target = new float[n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (float) rng.nextDouble(-RANGE, RANGE);
            xy[2 * i + 1] = (float) rng.nextDouble(-RANGE, RANGE);
            target[i] = VALUES[nearest(xy[2 * i], xy[2 * i + 1])];
        }
        return new Regression.Examples(xy, 2, target, 1);
    }

    /** The fraction of examples whose basin the net's output names correctly. */
    static double accuracy(MLP net, Regression.Examples data) {
        float[] out = Regression.predict(net, data.inputs(), 2);
        int right = 0;
        for (int i = 0; i < out.length; i++) if (VALUES[basin(out[i])] == data.targets()[i]) right++;
        return (double) right / out.length;
    }

    public Attractors() {
        super("attractors",
                "Nets with two inputs and one output learn which of three attractor points is nearest; bigger nets draw cleaner basins.");
    }

    @Override
    public Result run(LabContext ctx) {
        Regression.Examples train = points(ctx.quick() ? 1000 : 3000, ctx.rng("train points"));
        Regression.Examples heldOut = points(2000, ctx.rng("held-out points"));
        int steps = ctx.quick() ? 2000 : 4000;
        Result result = new Result();
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        MLP essayNet = null;
        for (int[] hidden : HIDDEN) {
            int[] widths = widths(hidden);
            int neurons = Arrays.stream(hidden).sum() + 1;
            MLP net = new MLP(ctx.rng("net " + neurons), Activation.RELU, widths);
            Regression.train(net, net.parameters(), train, steps, 64,
                    LearningRateSchedule.warmupCosine(0.01f, 0.0005f, 50, steps), ctx.rng("batches " + neurons), null);
            double acc = accuracy(net, heldOut);
            result.number(neurons + "-neuron net held-out accuracy", acc);
            ctx.log(String.format("attractors: %d neurons (%s): %.1f%% of held-out points", neurons, arrow(widths), 100 * acc));
            tiles.add(regions(net, neurons + " neurons"));
            captions.add(String.format("%s\n%.1f%% of held-out points right", arrow(widths), 100 * acc));
            if (neurons == ESSAY_NEURONS) essayNet = net;
        }
        result.figure(Pictures.save(Pictures.grid("Basins drawn by nets of growing size", tiles, captions, tiles.size()),
                        ctx.file("attractors-regions.png")),
                "Each net's answer for every point of the plane (colour = the attractor it names; black lines = the true borders): the smallest nets cut the plane crudely, bigger ones follow the borders.");
        result.figure(Pictures.save(outputSurface(essayNet), ctx.file("attractors-output.png")),
                "The 17-neuron net's raw output before rounding: nearly flat terraces at −1, 0 and +1 joined by steep steps at the borders.");
        result.figure(Pictures.save(diagram(essayNet), ctx.file("attractors-net.png")),
                "The 17-neuron net itself: two inputs, two hidden layers of 8 ReLU neurons, one output, with every trained weight drawn.");
        return result;
    }

    private static int[] widths(int[] hidden) {
        int[] w = new int[hidden.length + 2];
        w[0] = 2;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = 1;
        return w;
    }

    private static String arrow(int[] widths) {
        return String.join("→", Arrays.stream(widths).mapToObj(Integer::toString).toList());
    }

    private static PlotArea area(String title) {
        return new PlotArea(title, "x", "y", -RANGE, RANGE, -RANGE, RANGE, TILE, TILE, 0);
    }

    /** Colours each pixel by the basin the net names there, and draws the true borders and the attractors. */
    private static BufferedImage regions(MLP net, String title) {
        PlotArea area = area(title);
        float[] xy = area.pixelCentres();
        float[] out = Regression.predict(net, xy, 2);
        int[] rgb = new int[out.length];
        for (int p = 0; p < out.length; p++) {
            boolean border = isBorder(xy[2 * p], xy[2 * p + 1], RANGE / TILE);
            rgb[p] = border ? 0x202020 : Pictures.tint(Pictures.category(basin(out[p])), 0.45).getRGB() & 0xffffff;
        }
        area.paintPixels(rgb);
        markAttractors(area);
        return area.finish();
    }

    /** Whether the square of half-width d around (x, y) straddles a true border. */
    private static boolean isBorder(double x, double y, double d) {
        int k = nearest(x - d, y - d);
        return nearest(x + d, y - d) != k || nearest(x - d, y + d) != k || nearest(x + d, y + d) != k;
    }

    private static void markAttractors(PlotArea area) {
        for (int k = 0; k < POINTS.length; k++) area.dot(POINTS[k][0], POINTS[k][1], Pictures.category(k), 7, "");
    }

    private static BufferedImage outputSurface(MLP net) {
        PlotArea area = new PlotArea("The 17-neuron net's output", "x", "y", -RANGE, RANGE, -RANGE, RANGE, 420, 420, 110);
        float[] out = Regression.predict(net, area.pixelCentres(), 2);
        int[] rgb = new int[out.length];
        for (int p = 0; p < out.length; p++) rgb[p] = Pictures.sequential((out[p] + 1.3) / 2.6).getRGB() & 0xffffff;
        area.paintPixels(rgb).scale(t -> Pictures.sequential(t), -1.3, 1.3, "output");
        markAttractors(area);
        return area.finish();
    }

    private static BufferedImage diagram(MLP net) {
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        widths.add(2);
        for (Linear l : net.linears()) {
            weights.add(l.weight().toArray());
            biases.add(l.bias().toArray());
            widths.add(l.weight().dim(0));
        }
        return NetDiagram.draw("The essay-sized net: 17 neurons", weights, biases, widths.stream().mapToInt(Integer::intValue).toArray(),
                List.of("x", "y"), List.of("basin (−1, 0, +1)"));
    }
}
