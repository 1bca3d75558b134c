package nextword.lab.bits;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import nextword.lab.Experiment;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.lab.digits.DigitNets;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Charts.Series;
import nextword.lab.plot.Pictures;
import nextword.nn.Conv2d;
import nextword.nn.Linear;
import nextword.nn.Sequential;
import nextword.tensor.Tensor;

/**
 * How many bits does a weight need? The trained digit nets are evaluated again with every weight rounded to
 * one of 2ⁿ evenly spaced levels (symmetric, one scale per weight tensor: round(w / s) · s with
 * s = max|w| / (2ⁿ⁻¹ − 1)); biases stay as they are. 8 bits cost nothing, 4 bits a little, 2 bits a lot.
 */
public final class EightBits extends Experiment {

    static final int[] BITS = {8, 6, 4, 3, 2};

    public EightBits() {
        super("bits",
                "The digit nets' test accuracy with every weight rounded to 8, 6, 4, 3 and 2 bits.");
    }

    @Override
    public boolean needsMnist() {
        return true;
    }

    /** Rounds every value of w to the nearest of 2^bits − 1 symmetric levels spanning ±max|w|. */
    static void quantize(float[] w, int bits) {
        float max = 0;
        for (float v : w) max = Math.max(max, Math.abs(v));
        if (max == 0) return;
        float levels = (1 << (bits - 1)) - 1;
        float scale = max / levels;
        for (int i = 0; i < w.length; i++) w[i] = Math.round(w[i] / scale) * scale;
    }

    /** The weight tensors of a net (Linear weights and convolution filters, not biases). */
    static List<Tensor> weights(Sequential net) {
        List<Tensor> out = new ArrayList<>();
        for (var layer : net.layers()) {
            if (layer instanceof Linear l) out.add(l.weight());
            if (layer instanceof Conv2d c) out.add(c.weight());
        }
        return out;
    }

    /** The net's accuracy on test with its weights rounded to bits (32: as trained), its own weights restored afterwards. */
    static double accuracyAt(DigitNets.Trained trained, nextword.data.DigitImages test, int bits) {
        List<Tensor> ws = bits >= 32 ? List.of() : weights(trained.net());
        List<float[]> saved = new ArrayList<>();
        for (Tensor w : ws) {
            saved.add(w.toArray());
            quantize(w.data(), bits);
        }
        try {
            return DigitNets.accuracy(DigitNets.logits(trained.net(), test, DigitNets.range(test.count())), test);
        } finally {
            for (int i = 0; i < ws.size(); i++) System.arraycopy(saved.get(i), 0, ws.get(i).data(), 0, saved.get(i).length);
        }
    }

    @Override
    public Result run(LabContext ctx) {
        DigitNets.Pair nets = DigitNets.trained(ctx);
        Result result = new Result();
        // Quick runs score on the first 2,000 test images: the rounding is what is measured, not the last decimal.
        nextword.data.DigitImages test = ctx.quick() ? nets.test().first(2000) : nets.test();
        List<Series> curves = new ArrayList<>();
        double[] bitsAxis = new double[BITS.length];
        for (int b = 0; b < BITS.length; b++) bitsAxis[b] = BITS[b];
        for (DigitNets.Trained t : List.of(nets.mlp(), nets.cnn())) {
            double full = accuracyAt(t, test, 32);
            result.number(t.name() + " accuracy, 32-bit floats", full);
            double[] y = new double[BITS.length];
            for (int b = 0; b < BITS.length; b++) {
                double acc = accuracyAt(t, test, BITS[b]);
                y[b] = 100 * acc;
                result.number(t.name() + " accuracy, " + BITS[b] + "-bit weights", acc);
                ctx.log(String.format("bits: %s with %d-bit weights: %.2f%%", t.name(), BITS[b], 100 * acc));
            }
            curves.add(new Series(t.name().toUpperCase() + ", rounded weights", bitsAxis, y));
            curves.add(new Series(t.name().toUpperCase() + ", 32-bit floats", new double[] {BITS[BITS.length - 1], BITS[0]}, new double[] {100 * full, 100 * full}));
        }
        var chart = Charts.lines("Test accuracy with weights rounded to fewer bits", "bits per weight", "test accuracy (%)", curves, false);
        for (var s : chart.getSeriesMap().values()) {
            // each net's rounded curve and its float reference share a colour
            s.setLineColor(Pictures.category(s.getName().startsWith("MLP") ? 0 : 1));
            s.setMarkerColor(Pictures.category(s.getName().startsWith("MLP") ? 0 : 1));
            if (s.getName().endsWith("rounded weights")) s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            if (s.getName().endsWith("floats")) s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        }
        result.figure(Charts.savePng(chart, ctx.file("bits-accuracy.png")),
                "Rounding every weight to 8 bits (a quarter of the memory of 32-bit floats) leaves the accuracy unchanged; 4 bits still keep most of it; at 2 bits (three levels: −s, 0, +s) the nets break down.");
        result.figure(Pictures.save(filters(nets.cnn()), ctx.file("bits-filters.png")),
                "The CNN's eight first-layer 5×5 filters as learned (32 bits) and rounded to 4 and 2 bits: 4 bits keep each filter's pattern; at 2 bits (−s, 0, +s) only its strongest weights survive.");
        return result;
    }

    private static BufferedImage filters(DigitNets.Trained cnn) {
        Tensor w = weights(cnn.net()).getFirst(); // (8, 1, 5, 5)
        int count = w.dim(0);
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int bits : new int[] {32, 4, 2}) {
            float[] values = w.toArray();
            if (bits < 32) quantize(values, bits);
            float max = 0;
            for (float v : values) max = Math.max(max, Math.abs(v));
            for (int f = 0; f < count; f++) {
                BufferedImage img = new BufferedImage(5 * 14, 5 * 14, BufferedImage.TYPE_INT_RGB);
                for (int i = 0; i < 25; i++) {
                    int rgb = Pictures.diverging(values[f * 25 + i] / max).getRGB();
                    for (int dy = 0; dy < 14; dy++) for (int dx = 0; dx < 14; dx++) img.setRGB(i % 5 * 14 + dx, i / 5 * 14 + dy, rgb);
                }
                tiles.add(img);
                captions.add(bits == 32 ? "32-bit" : bits + "-bit");
            }
        }
        return Pictures.grid("First-layer filters: learned, and rounded to 4 and 2 bits (red +, blue −)", tiles, captions, count);
    }
}
