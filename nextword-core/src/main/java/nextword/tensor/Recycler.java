package nextword.tensor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Large working arrays an operation needs between its forward and its backward (a convolution's unfolded
 * images), handed back when the backward is done and handed out again by the next forward of the same size.
 *
 * <p>Why: a fresh array of megabytes is memory the cache has not seen, and the JVM zeroes all of it first; a
 * small CNN's step spent a third of its time there. A recycled array is warm, and the operations that take
 * one overwrite every element, so nothing is cleared. Per thread: an array goes back to the pool of the
 * thread that finished with it, and no pool is shared. An array never handed back (a graph dropped without a
 * backward) is simply collected.
 */
final class Recycler {

    /** Arrays kept per size: enough for every convolution of a net's step, few enough to bound the memory. */
    private static final int KEEP = 4;
    /**
     * Floats a thread keeps in all at most (64 MB): a step of the lab's CNN needs about 8 MB per shard, while an
     * evaluation in batches of 500 images passes arrays of up to 78 MB, which are not worth holding on to.
     */
    private static final long KEEP_FLOATS = 16L << 20;

    /** One thread's arrays by size, and how many floats they hold together. */
    private static final class Pool {
        final Map<Integer, ArrayDeque<float[]>> bySize = new HashMap<>();
        long floats;
    }

    private static final ThreadLocal<Pool> POOLS = ThreadLocal.withInitial(Pool::new);

    private Recycler() {}

    /** An array of exactly size floats with arbitrary contents, for a caller that overwrites all of them. */
    static float[] take(int size) {
        Pool pool = POOLS.get();
        ArrayDeque<float[]> arrays = pool.bySize.get(size);
        float[] a = arrays == null ? null : arrays.pollLast();
        if (a == null) return new float[size];
        pool.floats -= size;
        return a;
    }

    /** Hands a back: the caller must not use it again. */
    static void give(float[] a) {
        Pool pool = POOLS.get();
        if (pool.floats + a.length > KEEP_FLOATS) return;
        ArrayDeque<float[]> arrays = pool.bySize.computeIfAbsent(a.length, n -> new ArrayDeque<>());
        if (arrays.size() < KEEP) {
            arrays.addLast(a);
            pool.floats += a.length;
        }
    }
}
