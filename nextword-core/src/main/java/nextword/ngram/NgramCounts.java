package nextword.ngram;

import java.util.Arrays;

/**
 * How often each n-gram of orders 1…N occurred: the output of {@link NgramCounter}, immutable, 12 bytes
 * per n-gram (an 8-byte packed key in a sorted array and a 4-byte count). The input to every smoothing.
 */
public final class NgramCounts extends NgramTables {

    private final int[][] counts;
    private final long tokens;
    private final long segments;

    NgramCounts(int vocabSize, int bits, long[][] keys, int[][] counts, long tokens, long segments) {
        super(new NgramTrie(vocabSize, bits, keys));
        this.counts = counts;
        this.tokens = tokens;
        this.segments = segments;
    }


    public long tokens() {
        return tokens;
    }

    public long segments() {
        return segments;
    }

    /** How many times the words (oldest first; the order is words.length) occurred; 0 when never. */
    public long count(int... words) {
        if (words.length < 1 || words.length > order()) throw new IllegalArgumentException("no order-" + words.length + " counts in an order-" + order() + " model");
        int i = trie.index(words, 0, words.length);
        return i < 0 ? 0 : counts[words.length - 1][i];
    }

    /** The count of the i-th n-gram of order n (in the sorted order). */
    public int countAt(int n, int i) {
        return counts[n - 1][i];
    }

    /** The words of the i-th n-gram of order n, oldest first. */
    public int[] words(int n, int i) {
        return trie.words(n, i);
    }

    /** How many order-n n-grams occurred exactly r times, for r = 0…max (the "count of counts"). */
    public long[] countOfCounts(int n, int max) {
        long[] cc = new long[max + 1];
        for (int c : counts[n - 1]) if (c <= max) cc[c]++;
        return cc;
    }

    /** The counts of orders 1…n only: what counting with order n would have given (the arrays are shared). */
    public NgramCounts truncate(int n) {
        if (n < 1 || n > order()) throw new IllegalArgumentException("cannot cut an order-" + order() + " count to order " + n);
        return new NgramCounts(vocabSize(), trie.bits, Arrays.copyOf(trie.keys, n), Arrays.copyOf(counts, n), tokens, segments);
    }

    /** Bytes of the sorted arrays per n-gram stored: key and count. */
    public static int bytesPerNgram() {
        return Long.BYTES + Integer.BYTES;
    }

    int[] raw(int n) {
        return counts[n - 1];
    }
}
