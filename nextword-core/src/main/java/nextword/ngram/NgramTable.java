package nextword.ngram;

import java.util.Arrays;

/**
 * Counts distinct packed n-gram keys: an open-addressing hash table from a {@code long} key to a dense
 * index (0, 1, 2… in order of first sight) and a count. The dense index never moves when the table grows,
 * so the next order can use it as the "prefix" half of its own keys.
 *
 * <p>Layout, chosen for bytes per n-gram: the slots hold only {@code index + 1} (0 = empty, 4 bytes) and
 * the keys and counts live in dense arrays (12 bytes per n-gram); at the load factor below that is about
 * 18–24 bytes per n-gram. Keys must be non-negative.
 */
public final class NgramTable {

    private static final double MAX_LOAD = 0.7;

    private int[] slots;
    private int mask;
    private long[] keys;
    private int[] counts;
    private int size;

    public NgramTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, (long) (expected / MAX_LOAD) + 1)) - 1) << 1;
        slots = new int[capacity];
        mask = capacity - 1;
        keys = new long[Math.max(16, expected)];
        counts = new int[keys.length];
    }

    /** Adds one occurrence of key and returns its index. */
    public int increment(long key) {
        int i = intern(key);
        if (++counts[i] < 0) throw new IllegalStateException("an n-gram occurred over " + Integer.MAX_VALUE + " times: counts are ints");
        return i;
    }

    /** The index of key, inserting it with count 0 when new (contexts that are never predicted, like &lt;s&gt;). */
    public int intern(long key) {
        if (key < 0) throw new IllegalArgumentException("n-gram keys are non-negative, got " + key);
        int s = slot(key);
        while (true) {
            int e = slots[s];
            if (e == 0) break;
            if (keys[e - 1] == key) return e - 1;
            s = (s + 1) & mask;
        }
        if (size == keys.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, keys.length + (keys.length >> 1) + 16L);
            if (grown <= size) throw new IllegalStateException("n-gram table is full (" + size + " entries)");
            keys = Arrays.copyOf(keys, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        keys[size] = key;
        slots[s] = ++size;
        if (size > MAX_LOAD * slots.length) rehash();
        return size - 1;
    }

    /** The index of key, or -1 when it was never seen. */
    public int find(long key) {
        int s = slot(key);
        while (true) {
            int e = slots[s];
            if (e == 0) return -1;
            if (keys[e - 1] == key) return e - 1;
            s = (s + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    public long key(int index) {
        return keys[index];
    }

    public int count(int index) {
        return counts[index];
    }

    /** The keys, in index order (a copy of length size()). */
    public long[] keys() {
        return Arrays.copyOf(keys, size);
    }

    /** The counts, in index order (a copy of length size()). */
    public int[] counts() {
        return Arrays.copyOf(counts, size);
    }

    /** Bytes held by the table's arrays (capacity included: what the table really costs). */
    public long bytes() {
        return 4L * slots.length + 12L * keys.length;
    }

    private void rehash() {
        if (slots.length >= 1 << 30) throw new IllegalStateException("n-gram table is full (" + size + " entries)");
        int[] bigger = new int[slots.length << 1];
        int m = bigger.length - 1;
        for (int i = 0; i < size; i++) {
            int s = mix(keys[i]) & m;
            while (bigger[s] != 0) s = (s + 1) & m;
            bigger[s] = i + 1;
        }
        slots = bigger;
        mask = m;
    }

    private int slot(long key) {
        return mix(key) & mask;
    }

    /** Packed keys are highly regular (small prefixes, small words): scramble every bit into the low ones. */
    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 29));
    }
}
