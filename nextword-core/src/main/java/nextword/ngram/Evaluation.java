package nextword.ngram;

/**
 * How well a model predicts held-out text. predictions counts every id scored, the &lt;/s&gt; ending each
 * segment included; characters is the length of the held-out text, so bits per character compares models
 * over letters, words and BPE tokens alike.
 */
public record Evaluation(long predictions, long segments, double log10Sum, long characters) {

    private static final double LOG2_10 = Math.log(10) / Math.log(2);

    /** 10^(−log10 p / predictions): the average number of equally likely choices the model hesitates between. */
    public double perplexity() {
        return Math.pow(10, -log10Sum / predictions);
    }

    /** −log2 p of the whole text divided by its characters. */
    public double bitsPerChar() {
        return -log10Sum * LOG2_10 / characters;
    }

    /** −log2 p per prediction (log2 of the perplexity). */
    public double bitsPerToken() {
        return -log10Sum * LOG2_10 / predictions;
    }
}
