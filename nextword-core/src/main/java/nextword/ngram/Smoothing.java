package nextword.ngram;

/**
 * Turns counts into probabilities that leave some mass for what was never seen: without it a single
 * unseen n-gram in held-out text makes its probability 0 and the perplexity infinite.
 */
public sealed interface Smoothing permits KneserNey, AddK {

    /** The model these counts give. */
    NgramModel fit(NgramCounts counts);

    /** Parses "kn" (the default) or "add-k" / "add-K" with K a positive number, e.g. "add-0.1". */
    static Smoothing parse(String spec) {
        String s = spec.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("kn") || s.equals("kneser-ney")) return new KneserNey();
        if (s.equals("add-k")) return new AddK(1);
        if (s.startsWith("add-")) {
            try {
                return new AddK(Double.parseDouble(s.substring(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad smoothing '" + spec + "': expected add-K with K a number, e.g. add-0.5");
            }
        }
        throw new IllegalArgumentException("unknown smoothing '" + spec + "': expected kn or add-K (e.g. add-1, add-0.01)");
    }
}
