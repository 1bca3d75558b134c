package nextword.tokenize;

/** Open addressing from a pair of token ids to the rank of their merge: the lookup BPE does most. */
final class PairTable {

    private final long[] keys;
    private final int[] ranks;
    private final int shift;

    PairTable(int pairs) {
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(Math.max(1, pairs) * 2L - 1) + 1);
        keys = new long[1 << bits];
        ranks = new int[1 << bits];
        java.util.Arrays.fill(keys, -1L);
        shift = 64 - bits;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** Records the pair's rank unless the pair already has one; says whether it was recorded. */
    boolean putIfAbsent(int a, int b, int rank) {
        long k = key(a, b);
        int mask = keys.length - 1;
        for (int s = slot(k); ; s = (s + 1) & mask) {
            if (keys[s] == k) return false;
            if (keys[s] == -1L) {
                keys[s] = k;
                ranks[s] = rank;
                return true;
            }
        }
    }

    /** The rank of merging a then b, or {@link ByteLevelBpe#NO_RANK}. */
    int rank(int a, int b) {
        long k = key(a, b);
        int mask = keys.length - 1;
        for (int s = slot(k); ; s = (s + 1) & mask) {
            long found = keys[s];
            if (found == k) return ranks[s];
            if (found == -1L) return ByteLevelBpe.NO_RANK;
        }
    }
}
