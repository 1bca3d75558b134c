package nextword.train;

import java.util.List;
import nextword.io.NamedTensor;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.model.Gpt;

/**
 * Data parallelism for small models: a micro-batch's sequences are cut into equal shards, each run forward
 * and backward by its own {@link Gpt} over the same weights, on its own thread with single-threaded kernels;
 * the replicas' gradients are then added into the model's in shard order.
 *
 * <p>Why: in a small model every product is small, so splitting each kernel call over the cores leaves them
 * waiting on each other; a whole shard's forward and backward keeps a core busy by itself. On this project's
 * 2-core machine a step of the 4-layer, 128-wide model got 1.15× faster and the 6-layer, 384-wide one 1.11×,
 * while GPT-2 (124M) gained nothing and would pay a second copy of its gradients; hence {@link #forModel}.
 * The number of shards depends on the model and batch only, never on the thread count, so a run's numbers
 * are the same on any number of threads (and on resume). The price: the team of threads does not nest, so on
 * a machine with more than two cores a sharded step keeps two of them busy. Four shards, which would use
 * four, ran 20% slower than two on this machine's two cores (each shard's products half as tall).
 */
public final class Shards {

    /** Models up to this many parameters are sharded. */
    public static final long MAX_PARAMETERS = 32_000_000;

    private static final KernelOps K = Kernels.ops();

    private final Gpt model;
    private final Gpt[] replicas; // replicas[0] is the model itself
    private int[][] inputs = new int[0][];
    private int[][] targets = new int[0][];

    public Shards(Gpt model, int count) {
        if (count < 1) throw new IllegalArgumentException("shards must be >= 1, got " + count);
        this.model = model;
        replicas = new Gpt[count];
        replicas[0] = model;
        for (int s = 1; s < count; s++) replicas[s] = model.replica();
    }

    /** Two shards for a small model whose batch splits evenly, else one (plain single-model steps). */
    public static Shards forModel(Gpt model, int batch) {
        boolean small = model.config().parameterCount() <= MAX_PARAMETERS;
        return new Shards(model, small && batch % 2 == 0 ? 2 : 1);
    }

    public int count() {
        return replicas.length;
    }

    /**
     * {@link Gpt#forwardBackward(int[], int[], int, int, float, boolean)} over the whole micro-batch: the
     * model's gradients get weight · d(mean loss)/d(weights) (added to, or replacing them when accumulate is
     * false), and the mean loss over the batch's counted targets is returned.
     */
    public float forwardBackward(int[] in, int[] tg, int b, int t, float weight, boolean accumulate) {
        int n = replicas.length;
        if (n == 1) return model.forwardBackward(in, tg, b, t, weight, accumulate);
        int rows = b / n;
        split(in, tg, rows * t);
        int total = 0;
        int[] counted = new int[n];
        for (int s = 0; s < n; s++) {
            for (int target : targets[s]) if (target >= 0) counted[s]++;
            total += counted[s];
        }
        for (int c : counted) {
            // a shard with nothing to count has no mean; the whole batch in one piece still has one
            if (c == 0) return model.forwardBackward(in, tg, b, t, weight, accumulate);
        }
        float[] losses = new float[n];
        int all = total;
        Parallel.range(n, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                // shard s's mean, weighted by its share of the batch's targets, sums to the batch's mean
                float share = (float) counted[s] / all;
                losses[s] = replicas[s].forwardBackward(inputs[s], targets[s], rows, t, weight * share, s == 0 && accumulate);
            }
        });
        List<NamedTensor> into = model.gradients().tensors();
        for (int s = 1; s < n; s++) {
            List<NamedTensor> from = replicas[s].gradients().tensors();
            for (int i = 0; i < into.size(); i++) {
                float[] g = into.get(i).data();
                K.add(g, 0, from.get(i).data(), 0, g, 0, g.length);
            }
        }
        double loss = 0;
        for (int s = 0; s < n; s++) loss += (double) losses[s] * counted[s] / total;
        return (float) loss;
    }

    private void split(int[] in, int[] tg, int size) {
        int n = replicas.length;
        if (inputs.length != n || inputs[0].length != size) {
            inputs = new int[n][size];
            targets = new int[n][size];
        }
        for (int s = 0; s < n; s++) {
            System.arraycopy(in, s * size, inputs[s], 0, size);
            System.arraycopy(tg, s * size, targets[s], 0, size);
        }
    }
}
