package nextword.ngram;

import java.util.Arrays;

/**
 * The n-grams of orders 1…N as a trie laid out in sorted arrays: order n's keys ascend, and each key is
 * (index of its context at order n−1, last word), see {@link NgramKey}. The unigram of word w has index w.
 * Shared, never copied, by the counts and the model built from them.
 */
final class NgramTrie {

    final int vocabSize;
    final int bits;
    final long[][] keys;

    NgramTrie(int vocabSize, int bits, long[][] keys) {
        if (keys.length < 1) throw new IllegalArgumentException("a model has at least one order");
        if (keys[0].length != vocabSize + 2) throw new IllegalArgumentException("order 1 must list all " + (vocabSize + 2) + " ids, got " + keys[0].length);
        for (int w = 0; w < keys[0].length; w++) {
            if (keys[0][w] != w) throw new IllegalArgumentException("unigram " + w + " is out of place");
        }
        for (int n = 1; n < keys.length; n++) {
            for (int i = 1; i < keys[n].length; i++) {
                if (keys[n][i] <= keys[n][i - 1]) throw new IllegalArgumentException("order " + (n + 1) + " keys are not strictly ascending at " + i);
            }
        }
        this.vocabSize = vocabSize;
        this.bits = bits;
        this.keys = keys;
    }

    int order() {
        return keys.length;
    }

    int size(int n) {
        return keys[n - 1].length;
    }

    /** Index at order n of the n-gram (context index, word), or -1. */
    int find(int n, int context, int word) {
        if (n == 1) return word;
        if (context < 0) return -1;
        int at = Arrays.binarySearch(keys[n - 1], NgramKey.pack(context, word, bits));
        return at >= 0 ? at : -1;
    }

    /** Index of words[from, to) as an n-gram of order to − from, or -1. */
    int index(int[] words, int from, int to) {
        int at = words[from];
        if (at < 0 || at >= keys[0].length) return -1;
        for (int i = from + 1; i < to && at >= 0; i++) at = find(i - from + 1, at, words[i]);
        return at;
    }

    int context(int n, int i) {
        return n == 1 ? 0 : NgramKey.prefix(keys[n - 1][i], bits);
    }

    int word(int n, int i) {
        return n == 1 ? i : NgramKey.word(keys[n - 1][i], bits);
    }

    /** The words of n-gram i at order n, oldest first. */
    int[] words(int n, int i) {
        int[] w = new int[n];
        for (int k = n; k >= 1; k--) {
            w[k - 1] = word(k, i);
            i = context(k, i);
        }
        return w;
    }

    /** The first index at order n+1 whose context is i at order n (children of i run from here to the next). */
    int firstChild(int n, int i) {
        int at = Arrays.binarySearch(keys[n], NgramKey.pack(i, 0, bits));
        return at >= 0 ? at : -at - 1;
    }

    /** For each n-gram of order n ≥ 2, the index at order n−1 of the same n-gram without its first word. */
    int[] suffixes(int n, int[] suffixesBelow) {
        long[] k = keys[n - 1];
        int[] s = new int[k.length];
        for (int i = 0; i < k.length; i++) {
            int w = NgramKey.word(k[i], bits);
            s[i] = n == 2 ? w : find(n - 1, suffixesBelow[NgramKey.prefix(k[i], bits)], w);
            if (s[i] < 0) throw new IllegalStateException("order-" + n + " n-gram " + Arrays.toString(words(n, i)) + " has no suffix below it");
        }
        return s;
    }

    /** For each n-gram of order n, whether it starts with &lt;s&gt; (it then has no left context to count). */
    boolean[] startsWithBos(int n, boolean[] below) {
        boolean[] b = new boolean[size(n)];
        if (n == 1) b[vocabSize + 1] = true;
        else for (int i = 0; i < b.length; i++) b[i] = below[context(n, i)];
        return b;
    }
}
