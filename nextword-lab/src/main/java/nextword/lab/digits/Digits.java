package nextword.lab.digits;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import nextword.data.DigitImages;
import nextword.lab.Experiment;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Charts.Series;
import nextword.lab.plot.Pictures;
import nextword.nn.Sequential;
import nextword.tensor.Autograd;
import nextword.tensor.Tensor;

/**
 * Recognising handwritten digits (MNIST): an MLP and a LeNet-style CNN trained from scratch, their test
 * accuracy and speed, and what the CNN makes of a digit as it is blurred away, of several 4s and 8s before
 * and after its softmax, and of the whole test set one layer before its answer.
 */
public final class Digits extends Experiment {

    static final double[] BLUR_SIGMAS = {0, 0.75, 1.5, 2.25, 3, 3.75, 4.5, 5.25};

    public Digits() {
        super("digits",
                "Handwritten digits (MNIST): an MLP and a LeNet-style CNN trained from scratch, a digit blurred until the net stops knowing it, the softmax and pre-softmax signatures of 4s and 8s, and the last hidden layer in 2-D.");
    }

    @Override
    public boolean needsMnist() {
        return true;
    }

    @Override
    public Result run(LabContext ctx) {
        DigitNets.Pair nets = DigitNets.trained(ctx);
        DigitImages test = nets.test();
        Result result = new Result();
        for (DigitNets.Trained t : List.of(nets.mlp(), nets.cnn())) {
            result.number(t.name() + " test accuracy", t.testAccuracy());
            result.number(t.name() + " parameters", t.net().parameterCount());
            result.number(t.name() + " training seconds", t.seconds());
            result.number(t.name() + " training images/s", t.imagesPerSecond());
            result.number(t.name() + " training images/s (last epoch)", t.lastEpochImagesPerSecond());
        }
        result.figure(Charts.savePng(trainingCurves(nets), ctx.file("digits-training.png")),
                String.format("Training loss (cross-entropy, averaged over 50 batches) against images seen: the CNN reaches %.2f%% on the 10,000 test images, the MLP %.2f%%.",
                        100 * nets.cnn().testAccuracy(), 100 * nets.mlp().testAccuracy()));

        Sequential cnn = nets.cnn().net();
        result.figure(Pictures.save(samples(test, nets.cnn().testLogits()), ctx.file("digits-samples.png")),
                "The first test digits with the CNN's answer and its probability, then some it gets wrong: most mistakes are digits a person might also hesitate over.");

        int four = firstRight(test, nets.cnn().testLogits(), 4);
        BlurRun blur = blur(cnn, test.image(four), test.label(four));
        result.figure(Pictures.save(blur.strip(), ctx.file("digits-blur.png")),
                "\"I know it when I see it\": a 4 blurred step by step, with the CNN's answer and its probability under each picture; at some point the answer changes, and no blur level marks a sharp line between 4 and not-4.");
        result.figure(Charts.savePng(blur.chart(), ctx.file("digits-blur-probabilities.png")),
                "The CNN's probability for each digit as the blur grows: the 4's falls away and the rest share what is left almost evenly; blurred enough, the net simply does not know.");
        result.number("blur sigma where the CNN stops saying 4", blur.sigmaOfChange());

        result.figure(Pictures.save(signatures(cnn, test, nets.cnn().testLogits()), ctx.file("digits-signatures.png")),
                "Five 4s and five 8s: after the softmax the answer is nearly all-or-nothing, while the logits before it (the \"signature\") differ from image to image and show which other digits each one resembles.");

        int shown = Math.min(test.count(), ctx.quick() ? 1000 : 2500);
        result.figure(Charts.savePng(layerPicture(cnn, test, shown), ctx.file("digits-layer.png")),
                "The CNN's last hidden layer (128 numbers per image) for " + shown + " test images, projected onto its two main directions: images of the same digit gather together, similar digits (4 and 9, 3 and 5) lie side by side.");
        return result;
    }

    private static org.knowm.xchart.XYChart trainingCurves(DigitNets.Pair nets) {
        List<Series> curves = new ArrayList<>();
        for (DigitNets.Trained t : List.of(nets.mlp(), nets.cnn())) {
            int window = 50;
            int points = t.losses().length / window;
            double[] x = new double[points];
            double[] y = new double[points];
            for (int p = 0; p < points; p++) {
                double s = 0;
                for (int i = p * window; i < (p + 1) * window; i++) s += t.losses()[i];
                x[p] = (double) (p + 1) * window * t.batch();
                y[p] = s / window;
            }
            curves.add(new Series(t.name().toUpperCase(), x, y));
        }
        return Charts.lines("Learning to read digits", "training images seen", "loss", curves, true);
    }

    private static BufferedImage samples(DigitImages test, float[] logits) {
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 16; i++) addSample(test, logits, i, tiles, captions);
        int wrong = 0;
        for (int i = 0; i < test.count() && wrong < 8; i++) {
            if (DigitNets.argmax(logits, i * 10, 10) != test.label(i)) {
                addSample(test, logits, i, tiles, captions);
                wrong++;
            }
        }
        return Pictures.grid("Test digits and the CNN's answers: the first 16 test images (two rows), then its first mistakes", tiles, captions, 8);
    }

    private static void addSample(DigitImages test, float[] logits, int i, List<BufferedImage> tiles, List<String> captions) {
        float[] p = softmax(logits, i * 10);
        int guess = DigitNets.argmax(p, 0, 10);
        tiles.add(Pictures.grey(test.image(i), 0, 28, 28, 3));
        captions.add(String.format("says %d (%.0f%%)", guess, 100 * p[guess]) + (guess == test.label(i) ? "" : "\nis " + test.label(i)));
    }

    /** The first test image of this digit that the net gets right. */
    private static int firstRight(DigitImages test, float[] logits, int digit) {
        for (int i = 0; i < test.count(); i++) {
            if (test.label(i) == digit && DigitNets.argmax(logits, i * 10, 10) == digit) return i;
        }
        throw new IllegalStateException("the net gets no " + digit + " right");
    }

    /** A digit at increasing blur, with the net's probabilities at each step. */
    record BlurRun(BufferedImage strip, org.knowm.xchart.XYChart chart, double sigmaOfChange) {}

    private static BlurRun blur(Sequential net, float[] image, int label) {
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        double[][] probabilities = new double[10][BLUR_SIGMAS.length];
        double change = Double.NaN;
        for (int s = 0; s < BLUR_SIGMAS.length; s++) {
            float[] blurred = Blur.gaussian(image, 28, 28, BLUR_SIGMAS[s]);
            float[] p;
            try (var g = Autograd.noGrad()) {
                p = net.forward(Tensor.of(blurred, 1, 1, 28, 28)).softmax().toArray();
            }
            for (int d = 0; d < 10; d++) probabilities[d][s] = p[d];
            int guess = DigitNets.argmax(p, 0, 10);
            if (guess != label && Double.isNaN(change)) change = BLUR_SIGMAS[s];
            tiles.add(Pictures.grey(blurred, 0, 28, 28, 4));
            captions.add(String.format("blur σ = %.2f px%nsays %d (%.0f%%)", BLUR_SIGMAS[s], guess, 100 * p[guess]));
        }
        BufferedImage strip = Pictures.grid("I know it when I see it: a " + label + " blurred away", tiles, captions, tiles.size());
        List<Series> lines = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            double max = 0;
            for (double v : probabilities[d]) max = Math.max(max, v);
            if (max >= 0.05) lines.add(new Series("digit " + d, BLUR_SIGMAS, probabilities[d]));
        }
        var chart = Charts.lines("The CNN's probabilities as the " + label + " blurs", "blur σ (pixels)", "probability", lines, false);
        Charts.yRange(chart, 0, 1.05);
        return new BlurRun(strip, chart, Double.isNaN(change) ? -1 : change);
    }

    private static BufferedImage signatures(Sequential net, DigitImages test, float[] logits) {
        List<Signatures.Row> rows = new ArrayList<>();
        for (int digit : new int[] {4, 8}) {
            int found = 0;
            for (int i = 0; i < test.count() && found < 5; i++) {
                if (test.label(i) != digit) continue;
                float[] z = java.util.Arrays.copyOfRange(logits, i * 10, i * 10 + 10);
                rows.add(new Signatures.Row(test.image(i), digit, List.of(softmax(z, 0), z)));
                found++;
            }
        }
        return Signatures.draw("Five 4s and five 8s through the CNN", List.of("softmax output (probabilities)", "before the softmax: the \"signature\" (logits)"),
                List.of(true, false), rows);
    }

    private static org.knowm.xchart.XYChart layerPicture(Sequential net, DigitImages test, int count) {
        int[] first = DigitNets.range(count);
        float[] features = DigitNets.outputs(DigitNets.penultimate(net), test, first, 128);
        double[][] xy = Projection.topTwo(features, 128);
        List<Series> byDigit = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            int n = 0;
            for (int i = 0; i < count; i++) if (test.label(i) == d) n++;
            double[] x = new double[n];
            double[] y = new double[n];
            int k = 0;
            for (int i = 0; i < count; i++) {
                if (test.label(i) != d) continue;
                x[k] = xy[i][0];
                y[k++] = xy[i][1];
            }
            byDigit.add(new Series(Integer.toString(d), x, y));
        }
        var chart = Charts.scatter("The CNN's last hidden layer, projected to 2-D (principal components)", "first component", "second component", byDigit);
        chart.getStyler().setMarkerSize(4);
        for (var series : chart.getSeriesMap().values()) series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    static float[] softmax(float[] logits, int from) {
        try (var g = Autograd.noGrad()) {
            return Tensor.of(java.util.Arrays.copyOfRange(logits, from, from + 10), 10).softmax().toArray();
        }
    }
}
