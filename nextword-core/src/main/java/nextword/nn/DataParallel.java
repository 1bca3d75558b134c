package nextword.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.tensor.Tensor;

/**
 * Data parallelism for a small network: each minibatch is cut into equal shards, and each shard runs forward
 * and backward on its own replica of the network, on its own thread, with the kernels inside running single
 * threaded. The replicas' gradients are then added into the first replica's (the master, the one an optimizer
 * updates) in shard order.
 *
 * <p>Why: a small net's layers on a small batch are many short kernel calls, too short to split over the
 * cores one by one (the threads wait on each other more than they work); a whole shard's forward and backward
 * is long enough. The shard count is fixed by the caller, never by the thread count, so the arithmetic (and
 * every bit of the result) is the same on one core or many; the kernels inside a shard run on its thread
 * alone (the team does not nest), so n shards keep at most n cores busy.
 */
public final class DataParallel<M extends Module> {

    private static final KernelOps K = Kernels.ops();

    private final List<M> replicas;
    private final List<List<Tensor>> parameters = new ArrayList<>();

    /** shards replicas made by factory; they must have parameters of the same shapes in the same order. */
    public DataParallel(Supplier<M> factory, int shards) {
        if (shards < 1) throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        List<M> made = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            M replica = factory.get();
            List<Tensor> ps = replica.parameters();
            if (s > 0) requireSameShapes(parameters.getFirst(), ps);
            made.add(replica);
            parameters.add(ps);
        }
        replicas = List.copyOf(made);
    }

    private static void requireSameShapes(List<Tensor> a, List<Tensor> b) {
        boolean same = a.size() == b.size();
        for (int i = 0; same && i < a.size(); i++) same = Arrays.equals(a.get(i).shape(), b.get(i).shape());
        if (!same) throw new IllegalArgumentException("the factory made replicas with different parameters");
    }

    /** The replica whose parameters are trained and whose gradients hold the sum. */
    public M master() {
        return replicas.getFirst();
    }

    public int shards() {
        return replicas.size();
    }

    /** Shard s of batch: the s-th of {@link #shards()} equal runs (the batch size must be a multiple). */
    public int[] shard(int[] batch, int s) {
        int n = replicas.size();
        if (batch.length % n != 0) throw new IllegalArgumentException("a batch of " + batch.length + " does not split into " + n + " equal shards");
        int size = batch.length / n;
        return Arrays.copyOfRange(batch, s * size, (s + 1) * size);
    }

    /**
     * Adds to the master's gradients those of the mean of the shards' losses, and returns that mean.
     * loss(replica, s) computes shard s's loss (a mean over its share of the batch) on the given replica.
     */
    public float backward(BiFunction<M, Integer, Tensor> loss) {
        int n = replicas.size();
        List<Tensor> master = parameters.getFirst();
        for (int s = 1; s < n; s++) {
            List<Tensor> ps = parameters.get(s);
            for (int i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i);
                System.arraycopy(master.get(i).data(), 0, p.data(), 0, p.size());
                p.zeroGrad();
            }
        }
        float[] losses = new float[n];
        float[] seed = {1f / n};
        Parallel.range(n, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                Tensor l = loss.apply(replicas.get(s), s);
                losses[s] = l.item();
                l.backward(seed);
            }
        });
        float mean = 0;
        for (int s = 0; s < n; s++) mean += losses[s] / n;
        for (int s = 1; s < n; s++) {
            List<Tensor> ps = parameters.get(s);
            for (int i = 0; i < ps.size(); i++) {
                float[] g = ps.get(i).grad();
                float[] into = master.get(i).grad();
                // the same net on the same kind of input: a gradient reaches a replica's tensor iff it reaches the master's
                if (g != null && into != null) K.add(into, 0, g, 0, into, 0, g.length);
            }
        }
        return mean;
    }
}
