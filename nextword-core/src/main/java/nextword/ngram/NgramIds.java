package nextword.ngram;

/**
 * The ids an n-gram model sees: the tokenizer's 0…V−1, then &lt;/s&gt; = V, which ends every segment and is
 * predicted like a word, and &lt;s&gt; = V+1, which starts every segment and is only ever context.
 */
public interface NgramIds {

    /** The highest order N. */
    int order();

    /** The tokenizer's vocabulary size V. */
    int vocabSize();

    default int eos() {
        return vocabSize();
    }

    default int bos() {
        return vocabSize() + 1;
    }
}
