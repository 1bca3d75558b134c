package nextword.ngram;

/**
 * Sorts packed n-gram keys, reporting where each one went: an LSD radix sort, 11 bits a pass, so a
 * million 40-bit keys take four linear passes instead of a comparison sort and a binary search per key.
 */
final class KeySort {

    private static final int DIGIT = 11;
    private static final int BUCKETS = 1 << DIGIT;

    private KeySort() {}

    /**
     * Sorts keys (non-negative) ascending in place and returns order: order[i] is the index before sorting
     * of the key now at i.
     */
    static int[] sort(long[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long all = 0;
        for (long k : keys) all |= k;
        int bits = 64 - Long.numberOfLeadingZeros(all);
        long[] k = keys;
        int[] o = order;
        long[] k2 = new long[n];
        int[] o2 = new int[n];
        int[] start = new int[BUCKETS + 1];
        for (int shift = 0; shift < bits; shift += DIGIT) {
            java.util.Arrays.fill(start, 0);
            for (long key : k) start[(int) ((key >>> shift) & (BUCKETS - 1)) + 1]++;
            for (int b = 0; b < BUCKETS; b++) start[b + 1] += start[b];
            for (int i = 0; i < n; i++) {
                int at = start[(int) ((k[i] >>> shift) & (BUCKETS - 1))]++;
                k2[at] = k[i];
                o2[at] = o[i];
            }
            long[] tk = k; k = k2; k2 = tk;
            int[] to = o; o = o2; o2 = to;
        }
        if (k != keys) {
            System.arraycopy(k, 0, keys, 0, n);
            System.arraycopy(o, 0, order, 0, n);
        }
        return order;
    }
}
