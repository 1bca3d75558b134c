package nextword.infer;

/**
 * The keys and values of every position a session has seen, per block and head, so that a new token attends
 * to them without recomputing them: the "KV cache". Keys are stored transposed (head dimension major) so
 * that one query's scores against many positions are a few wide vector FMAs; values by position.
 */
final class KvCache {

    /** Key rows are padded to this many positions, so score loops never read past a row. */
    static final int ALIGN = 64;

    final int capacity;
    /** Floats between consecutive dimensions of a head's transposed keys: capacity rounded up to {@value #ALIGN}. */
    final int keyStride;
    final int heads;
    final int headSize;
    final float[][] keys;   // [layer] (heads, headSize, keyStride)
    final float[][] values; // [layer] (heads, capacity, headSize)

    KvCache(int layers, int heads, int headSize, int capacity) {
        this.capacity = capacity;
        this.keyStride = (capacity + ALIGN - 1) / ALIGN * ALIGN;
        this.heads = heads;
        this.headSize = headSize;
        long per = (long) heads * headSize * keyStride;
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
        int dst = h * headSize * keyStride + pos;
        float[] k = keys[layer];
        for (int d = 0; d < headSize; d++) k[dst + d * keyStride] = qkv[src + d];
        System.arraycopy(qkv, qkvOffset + 2 * c + h * headSize, values[layer], (h * capacity + pos) * headSize, headSize);
    }

    /** Offset of head h's transposed keys in {@link #keys}[layer]. */
    int keyOffset(int h) {
        return h * headSize * keyStride;
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
