package nextword.lab.digits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import nextword.data.DigitImages;
import nextword.data.Mnist;
import nextword.lab.LabContext;
import nextword.nn.Activation;
import nextword.nn.Conv2d;
import nextword.nn.DataParallel;
import nextword.nn.Flatten;
import nextword.nn.Layer;
import nextword.nn.Linear;
import nextword.nn.MaxPool2d;
import nextword.nn.Sequential;
import nextword.optim.AdamW;
import nextword.optim.LearningRateSchedule;
import nextword.tensor.Autograd;
import nextword.tensor.Tensor;

/**
 * The two digit recognisers and how they are taught: a multilayer perceptron that sees the 784 pixels as one
 * list, and a LeNet-style convolutional net that slides small learned filters over the image. Both are
 * trained once per (data, seed, quick) and shared by the experiments that look at them.
 */
public final class DigitNets {

    /** How one net is trained: epochs over how many training images, minibatch size, peak learning rate. */
    record Plan(int epochs, int images, int batch, float learningRate) {}

    /** What training produced: the net, its loss per step, its speed and its test accuracy. */
    public record Trained(String name, Sequential net, float[] losses, int batch, double seconds,
                          double imagesPerSecond, double lastEpochImagesPerSecond, float[] testLogits, double testAccuracy) {}

    /** Both nets and the test set they were scored on. */
    public record Pair(Trained mlp, Trained cnn, DigitImages test) {}

    static final Plan MLP_FULL = new Plan(3, 60_000, 128, 3e-3f);
    static final Plan MLP_QUICK = new Plan(2, 20_000, 64, 3e-3f);
    static final Plan CNN_FULL = new Plan(2, 60_000, 32, 3e-3f);
    static final Plan CNN_QUICK = new Plan(1, 4_000, 32, 2e-3f);

    /**
     * Shards per batch: fixed, not the thread count, so that the sums (and the trained nets) are the same on any
     * number of cores.
     */
    static final int SHARDS = 2;

    private record Key(Path mnist, boolean quick, long seed) {}

    /** The last pair trained: `lab all` trains once for digits and bits; one entry keeps memory bounded. */
    private static Key cachedKey;
    private static Pair cached;

    private DigitNets() {}

    /** Standardised pixels, 784 → 256 → 128 → 10 with ReLU between: every pixel wired to every neuron of the first layer. */
    public static Sequential mlp(RandomGenerator rng) {
        return new Sequential(Standardize.MNIST, new Flatten(), new Linear(784, 256, rng), Activation.RELU, new Linear(256, 128, rng),
                Activation.RELU, new Linear(128, 10, rng));
    }

    /**
     * LeNet-style, on standardised pixels: two rounds of 5×5 convolution (8 then 16 filters, padded to keep the size), 2×2 max
     * pooling (28 → 14 → 7) and ReLU, then 784 → 128 → 10. Pooling before the ReLU computes exactly what
     * ReLU-then-pool does (both are monotone, so the largest of four stays the largest) on a quarter of the values.
     */
    public static Sequential cnn(RandomGenerator rng) {
        return new Sequential(Standardize.MNIST,
                new Conv2d(1, 8, 5, 1, 2, rng), new MaxPool2d(2, 2), Activation.RELU,   // (N, 8, 14, 14)
                new Conv2d(8, 16, 5, 1, 2, rng), new MaxPool2d(2, 2), Activation.RELU,  // (N, 16, 7, 7)
                new Flatten(), new Linear(16 * 7 * 7, 128, rng), Activation.RELU, new Linear(128, 10, rng));
    }

    /** Both nets trained on ctx's MNIST (or the ones trained last time with the same settings). */
    public static synchronized Pair trained(LabContext ctx) {
        Key key = new Key(ctx.mnist().toAbsolutePath().normalize(), ctx.quick(), ctx.seed());
        if (key.equals(cachedKey)) return cached;
        cached = null;
        DigitImages train;
        DigitImages test;
        try {
            train = Mnist.load(ctx.mnist(), Mnist.Split.TRAIN);
            test = Mnist.load(ctx.mnist(), Mnist.Split.TEST);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MNIST: " + e.getMessage(), e);
        }
        Trained mlp = train("mlp", () -> mlp(ctx.rng("mlp weights")), train, test, ctx.quick() ? MLP_QUICK : MLP_FULL, ctx);
        Trained cnn = train("cnn", () -> cnn(ctx.rng("cnn weights")), train, test, ctx.quick() ? CNN_QUICK : CNN_FULL, ctx);
        cached = new Pair(mlp, cnn, test);
        cachedKey = key;
        return cached;
    }

    /**
     * Minibatch AdamW on cross-entropy, a fresh shuffle each epoch, with warmup and cosine decay. Each batch is
     * split into {@value #SHARDS} shards run side by side on replicas of the net (DataParallel).
     */
    static Trained train(String name, Supplier<Sequential> factory, DigitImages all, DigitImages test, Plan plan, LabContext ctx) {
        DataParallel<Sequential> replicas = new DataParallel<>(factory, SHARDS);
        Sequential net = replicas.master();
        DigitImages data = all.first(plan.images());
        RandomGenerator rng = ctx.rng(name + " batches");
        int stepsPerEpoch = data.count() / plan.batch();
        int steps = stepsPerEpoch * plan.epochs();
        LearningRateSchedule lr = LearningRateSchedule.warmupCosine(plan.learningRate(), plan.learningRate() / 50, Math.min(100, steps / 10), steps);
        AdamW adam = new AdamW(net.parameters(), lr.at(0), 0f);
        float[] losses = new float[steps];
        long start = System.nanoTime();
        long lastReport = start;
        long epochStart = start;
        double lastEpochRate = 0;
        int step = 0;
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            int[] order = shuffled(data.count(), rng);
            epochStart = System.nanoTime();
            for (int s = 0; s < stepsPerEpoch; s++, step++) {
                int[] batch = java.util.Arrays.copyOfRange(order, s * plan.batch(), (s + 1) * plan.batch());
                adam.zeroGrad();
                losses[step] = replicas.backward((replica, shard) -> {
                    int[] part = replicas.shard(batch, shard);
                    return replica.forward(data.batch(part)).crossEntropy(data.labels(part)); // (B/2, 1, 28, 28) → (B/2, 10)
                });
                adam.setLearningRate(lr.at(step));
                adam.step();
                long now = System.nanoTime();
                if (now - lastReport > 2_000_000_000L || step == steps - 1) {
                    double secs = (now - start) / 1e9;
                    double rate = (step + 1.0) * plan.batch() / secs;
                    ctx.log(String.format("digits: %s epoch %d/%d step %d/%d loss %.3f %,.0f images/s ETA %.0f s",
                            name, epoch + 1, plan.epochs(), step + 1, steps, losses[step], rate, (steps - step - 1.0) * plan.batch() / rate));
                    lastReport = now;
                }
            }
            lastEpochRate = (double) stepsPerEpoch * plan.batch() / ((System.nanoTime() - epochStart) / 1e9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        float[] logits = logits(net, test, range(test.count()));
        double accuracy = accuracy(logits, test);
        ctx.log(String.format("digits: %s: %.2f%% of the %,d test images right after %.1f s of training", name, 100 * accuracy, test.count(), seconds));
        return new Trained(name, net, losses, plan.batch(), seconds, (double) steps * plan.batch() / seconds, lastEpochRate, logits, accuracy);
    }

    /** The net's 10 logits for each of the given images, (count, 10) row-major, computed in batches without a graph. */
    public static float[] logits(Layer net, DigitImages data, int[] indices) {
        return outputs(net, data, indices, 10);
    }

    /** What the layer before the output sees: the net without its last layer. */
    public static Layer penultimate(Sequential net) {
        List<Layer> layers = new ArrayList<>(net.layers());
        layers.removeLast();
        return new Sequential(layers.toArray(Layer[]::new));
    }

    /** The outputs (width each) of net for the given images, in batches, without recording a graph. */
    public static float[] outputs(Layer net, DigitImages data, int[] indices, int width) {
        float[] out = new float[indices.length * width];
        int batch = 500;
        try (var g = Autograd.noGrad()) {
            for (int from = 0; from < indices.length; from += batch) {
                int[] part = java.util.Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batch));
                float[] y = net.forward(data.batch(part)).toArray();
                System.arraycopy(y, 0, out, from * width, y.length);
            }
        }
        return out;
    }

    /** The fraction of rows whose largest logit is the image's label. */
    public static double accuracy(float[] logits, DigitImages data) {
        int right = 0;
        for (int i = 0; i < data.count(); i++) if (argmax(logits, i * 10, 10) == data.label(i)) right++;
        return (double) right / data.count();
    }

    public static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (v[from + j] > v[from + best]) best = j;
        return best;
    }

    /** 0, 1, …, n − 1: every image. */
    public static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static int[] shuffled(int n, RandomGenerator rng) {
        int[] order = range(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
