package nextword.ngram;

/** What counts and models share: the n-grams of orders 1…N they hold, as a trie in sorted arrays. */
public abstract sealed class NgramTables implements NgramIds permits NgramCounts, NgramModel {

    final NgramTrie trie;

    NgramTables(NgramTrie trie) {
        this.trie = trie;
    }

    @Override
    public final int order() {
        return trie.order();
    }

    @Override
    public final int vocabSize() {
        return trie.vocabSize;
    }

    /** Distinct n-grams of order n held (for n = 1 the whole vocabulary, &lt;s&gt; and &lt;/s&gt; included). */
    public final int size(int n) {
        return trie.size(n);
    }
}
