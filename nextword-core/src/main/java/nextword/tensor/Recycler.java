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

    private static final ThreadLocal<Map<Integer, ArrayDeque<float[]>>> POOLS = ThreadLocal.withInitial(HashMap::new);

    private Recycler() {}

    /** An array of exactly size floats with arbitrary contents, for a caller that overwrites all of them. */
    static float[] take(int size) {
        ArrayDeque<float[]> pool = POOLS.get().get(size);
        float[] a = pool == null ? null : pool.pollLast();
        return a != null ? a : new float[size];
    }

    /** Hands a back: the caller must not use it again. */
    static void give(float[] a) {
        ArrayDeque<float[]> pool = POOLS.get().computeIfAbsent(a.length, n -> new ArrayDeque<>());
        if (pool.size() < KEEP) pool.addLast(a);
    }
}
