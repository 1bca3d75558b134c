package nextword.infer;

import nextword.kernels.InferenceKernels;

/**
 * The keys and values of every position a session has seen, per block and head, so that a new token attends
 * to them without recomputing them: the "KV cache". Keys are stored in blocks of
 * {@link InferenceKernels#KEY_BLOCK} positions, each block transposed (head dimension major), so that one
 * query's scores against a block are a few wide vector FMAs over contiguous memory; values by position.
 */
final class KvCache {

    private static final int BLOCK = InferenceKernels.KEY_BLOCK;

    final int capacity;
    /** Capacity rounded up to whole key blocks: positions held per head, and the length of a row of scores. */
    final int paddedCapacity;
    final int heads;
    final int headSize;
    final float[][] keys;   // [layer] (heads, paddedCapacity / BLOCK, headSize, BLOCK)
    final float[][] values; // [layer] (heads, capacity, headSize)

    KvCache(int layers, int heads, int headSize, int capacity) {
        this.capacity = capacity;
        this.paddedCapacity = (capacity + BLOCK - 1) / BLOCK * BLOCK;
        this.heads = heads;
        this.headSize = headSize;
        long per = (long) heads * headSize * paddedCapacity;
        if (per > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("KV cache of " + capacity + " positions is too large");
        keys = new float[layers][(int) per];
        values = new float[layers][heads * capacity * headSize];
    }

    /** Stores the key and value of position pos in a block, read from qkv (q | k | v, each heads × headSize). */
    void put(int layer, int pos, float[] qkv, int qkvOffset) {
        for (int h = 0; h < heads; h++) put(layer, h, pos, qkv, qkvOffset);
    }

    /** The same for head h alone (a prompt's heads are stored in parallel, each by the thread that attends with it). */
    void put(int layer, int h, int pos, float[] qkv, int qkvOffset) {
        int c = heads * headSize;
        int src = qkvOffset + c + h * headSize;
        int dst = keyOffset(h) + pos / BLOCK * BLOCK * headSize + pos % BLOCK;
        float[] k = keys[layer];
        for (int d = 0; d < headSize; d++) k[dst + d * BLOCK] = qkv[src + d];
        System.arraycopy(qkv, qkvOffset + 2 * c + h * headSize, values[layer], (h * capacity + pos) * headSize, headSize);
    }

    /** Offset of head h's key blocks in {@link #keys}[layer]. */
    int keyOffset(int h) {
        return h * headSize * paddedCapacity;
    }

    /** Offset of head h's values in {@link #values}[layer]. */
    int valueOffset(int h) {
        return h * capacity * headSize;
    }

    /** Bytes held. */
    long bytes() {
        return 4L * keys.length * (keys[0].length + values[0].length);
    }
}
