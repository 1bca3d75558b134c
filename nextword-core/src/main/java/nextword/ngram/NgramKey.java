package nextword.ngram;

/**
 * How an n-gram fits in one {@code long}: the index of its first n−1 words (its context, already numbered
 * at the order below) in the high bits, its last word in the low bits. An n-gram of any order thus costs
 * 8 bytes of key, and a model's tables are a trie stored as sorted arrays: the n-grams that share a context
 * are adjacent.
 */
final class NgramKey {

    private NgramKey() {}

    /** Bits for the word half when ids run up to maxId. */
    static int bitsFor(int maxId) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(maxId));
    }

    /** Both halves are non-negative ints and bits ≤ 31, so a key never exceeds 62 bits: no overflow. */
    static long pack(int prefix, int word, int bits) {
        if (prefix < 0 || word < 0) throw new IllegalArgumentException("negative n-gram part: prefix " + prefix + ", word " + word);
        return ((long) prefix << bits) | word;
    }

    static int prefix(long key, int bits) {
        return (int) (key >>> bits);
    }

    static int word(long key, int bits) {
        return (int) (key & ((1L << bits) - 1));
    }
}
