package nextword.lab.meaning;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nextword.kernels.Kernels;
import nextword.lab.plot.ScatterPlot;
import nextword.model.Sampler;

/**
 * The essay's "semantic laws of motion": a text as a path through the model's token-embedding space, one
 * point per token (its row of the token embedding), and at every step the fan of tokens the model thought
 * likely next, drawn as lines to their points, as thick as they were probable. The space is flattened by PCA
 * fitted to every point drawn (the path and all the candidates): to 2-D, and to 3-D seen in orthographic
 * projection from a fixed angle (azimuth {@value #AZIMUTH_DEGREES}°, elevation {@value #ELEVATION_DEGREES}°).
 *
 * @param model        the model's name
 * @param promptTokens how many of the steps are the prompt (the rest were generated)
 * @param steps        every token of prompt and continuation, each with the fan of what might follow it
 * @param coordinates  every drawn token's place: id → {PC1, PC2, PC3}
 * @param explained    the share of the points' variance along PC1, PC2, PC3
 */
public record Trajectory(String model, int promptTokens, List<Step> steps, Map<Integer, double[]> coordinates, double[] explained) {

    static final int AZIMUTH_DEGREES = 35;
    static final int ELEVATION_DEGREES = 25;
    private static final List<String> GROUPS = List.of("prompt", "continuation", "candidate next tokens", "axes");

    /** A candidate next token and its probability. */
    public record Candidate(int id, String token, double probability) {}

    /** One token of the text, and the likeliest tokens after it. */
    public record Step(int position, int id, String token, boolean generated, List<Candidate> next) {}

    /**
     * Continues prompt by n tokens (temperature 0: the likeliest each time; otherwise sampled with seed) and
     * records the top candidates after every token.
     */
    public static Trajectory of(GptProbe probe, String prompt, int n, int top, float temperature, long seed) {
        if (n < 0 || top < 1) throw new IllegalArgumentException("need tokens >= 0 and top >= 1");
        int[] start = probe.tokenizer().encode(prompt);
        if (start.length == 0) throw new IllegalArgumentException("the prompt has no tokens");
        if (start.length + n > probe.config().contextLength()) {
            throw new IllegalArgumentException(start.length + " prompt tokens + " + n + " more exceed the model's context of " + probe.config().contextLength());
        }
        int[] more = new Sampler(probe.gpt()).continuation(start, n, temperature, new SplittableRandom(seed));
        int[] ids = Arrays.copyOf(start, start.length + n);
        System.arraycopy(more, 0, ids, start.length, n);
        // One pass over the whole text gives the distribution after every position (the model is causal).
        GptProbe.Pass pass = probe.run(ids);
        int v = probe.config().vocabSize();
        List<Step> steps = new ArrayList<>();
        Map<Integer, double[]> coordinates = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            float[] p = Arrays.copyOfRange(pass.logits(), i * v, (i + 1) * v);
            Kernels.ops().softmax(p, 0, v);
            List<Candidate> next = new ArrayList<>();
            for (int id : Sampler.top(p, top)) {
                next.add(new Candidate(id, probe.label(id), p[id]));
                coordinates.putIfAbsent(id, null);
            }
            coordinates.putIfAbsent(ids[i], null);
            steps.add(new Step(i, ids[i], probe.label(ids[i]), i >= start.length, next));
        }
        int c = probe.config().width();
        List<Integer> drawn = new ArrayList<>(coordinates.keySet());
        double[][] x = new double[drawn.size()][c];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < c; j++) x[i][j] = probe.gpt().weights().wte[drawn.get(i) * c + j];
        int k = Math.min(3, Math.min(x.length, c));
        if (k < 2) throw new IllegalArgumentException("too few distinct tokens to draw (" + x.length + "); ask for more tokens or candidates");
        Pca pca = Pca.fit(x, k);
        for (int i = 0; i < x.length; i++) coordinates.put(drawn.get(i), Arrays.copyOf(pca.project(x[i]), 3));
        double[] explained = new double[3];
        for (int i = 0; i < k; i++) explained[i] = pca.explained(i);
        return new Trajectory(probe.name(), start.length, steps, coordinates, explained);
    }

    /** The path in the plane of PC1 and PC2. */
    public BufferedImage draw2d() {
        ScatterPlot plot = new ScatterPlot("Trajectory of a text through " + model + "'s token-embedding space, with the fan of likely next tokens",
                String.format(Locale.ROOT, "PC1 (%.0f%% of the variance)", 100 * explained[0]),
                String.format(Locale.ROOT, "PC2 (%.0f%%)", 100 * explained[1])).groups(GROUPS.subList(0, 3));
        return draw(plot, id -> new double[] {coordinates.get(id)[0], coordinates.get(id)[1]}, id -> 4.0, 1400, 1000);
    }

    /** The path in PC1–PC3 space, seen at an angle, nearer points drawn larger. */
    public BufferedImage draw3d() {
        double a = Math.toRadians(AZIMUTH_DEGREES), e = Math.toRadians(ELEVATION_DEGREES);
        double[] depthRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] p : coordinates.values()) {
            double d = depth(p, a, e);
            depthRange[0] = Math.min(depthRange[0], d);
            depthRange[1] = Math.max(depthRange[1], d);
        }
        ScatterPlot plot = new ScatterPlot(String.format(Locale.ROOT, "The same trajectory in 3-D (PC1–PC3, %.0f%% of the variance), seen from azimuth %d°, elevation %d°",
                100 * (explained[0] + explained[1] + explained[2]), AZIMUTH_DEGREES, ELEVATION_DEGREES), "nearer points are larger", "")
                .withoutNumericAxes().equalAspect().groups(GROUPS);
        double reach = 0;
        for (double[] p : coordinates.values()) for (double q : p) reach = Math.max(reach, Math.abs(q));
        String[] names = {"PC1", "PC2", "PC3"};
        for (int axis = 0; axis < 3; axis++) {
            double[] tip = new double[3];
            tip[axis] = reach;
            double[] s = screen(tip, a, e);
            plot.segment(new ScatterPlot.Segment(0, 0, s[0], s[1], 1, Color.GRAY, true));
            plot.point(s[0], s[1], names[axis], 3, 0.5);
        }
        double span = Math.max(1e-12, depthRange[1] - depthRange[0]);
        return draw(plot, id -> screen(coordinates.get(id), a, e),
                id -> 2.5 + 3.5 * (depthRange[1] - depth(coordinates.get(id), a, e)) / span, 1200, 1000);
    }

    /** Orthographic view: turn the scene by the azimuth about PC3 (up), then tilt it by the elevation. */
    static double[] screen(double[] p, double azimuth, double elevation) {
        double u = p[0] * Math.cos(azimuth) - p[1] * Math.sin(azimuth);
        double d = p[0] * Math.sin(azimuth) + p[1] * Math.cos(azimuth);
        return new double[] {u, p[2] * Math.cos(elevation) - d * Math.sin(elevation)};
    }

    /** Distance from the viewer (larger is farther). */
    static double depth(double[] p, double azimuth, double elevation) {
        double d = p[0] * Math.sin(azimuth) + p[1] * Math.cos(azimuth);
        return d * Math.cos(elevation) + p[2] * Math.sin(elevation);
    }

    private BufferedImage draw(ScatterPlot plot, java.util.function.IntFunction<double[]> at,
                               java.util.function.IntToDoubleFunction radius, int width, int height) {
        Color fan = new Color(255, 140, 0, 110);
        for (Step s : steps) {
            double[] from = at.apply(s.id());
            for (Candidate c : s.next()) {
                double[] to = at.apply(c.id());
                plot.segment(new ScatterPlot.Segment(from[0], from[1], to[0], to[1], 1 + 14 * c.probability(), fan, false));
            }
        }
        for (int i = 1; i < steps.size(); i++) {
            double[] from = at.apply(steps.get(i - 1).id());
            double[] to = at.apply(steps.get(i).id());
            plot.segment(new ScatterPlot.Segment(from[0], from[1], to[0], to[1], 2, new Color(40, 40, 40), true));
        }
        Map<Integer, List<Integer>> visits = new LinkedHashMap<>();
        for (Step s : steps) visits.computeIfAbsent(s.id(), id -> new ArrayList<>()).add(s.position() + 1);
        for (int id : coordinates.keySet()) {
            if (visits.containsKey(id)) continue;
            double[] p = at.apply(id);
            plot.point(p[0], p[1], candidateLabel(id), 2, radius.applyAsDouble(id) * 0.7);
        }
        for (var e : visits.entrySet()) {
            double[] p = at.apply(e.getKey());
            Step first = steps.get(e.getValue().getFirst() - 1);
            String label = first.token() + " " + e.getValue().toString().replace(" ", "");
            plot.point(p[0], p[1], label, first.generated() ? 1 : 0, radius.applyAsDouble(e.getKey()));
        }
        return plot.render(width, height);
    }

    private String candidateLabel(int id) {
        for (Step s : steps) for (Candidate c : s.next()) if (c.id() == id) return c.token();
        return "#" + id;
    }
}
