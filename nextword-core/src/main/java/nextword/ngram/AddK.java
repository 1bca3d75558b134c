package nextword.ngram;

/**
 * Add-k smoothing, the simple one: pretend every one of the V+1 predictable ids was seen k more times
 * after every context, p(w | h) = (c(h w) + k) / (c(h ·) + k·(V+1)). The context is the whole history:
 * its last N−1 ids, or fewer right after &lt;s&gt;; a context never seen gives the uniform distribution.
 *
 * <p>In backoff form this is exact with a trick: an unseen w after a seen h gets k / (c(h ·) + k·(V+1)),
 * the same for every w, so the backoff weight is k·(V+1) / (c(h ·) + k·(V+1)) and every n-gram the
 * backoff can land on (those not starting with &lt;s&gt;, below the highest order) has the uniform
 * probability 1/(V+1).
 */
public record AddK(double k) implements Smoothing {

    public AddK {
        if (!(k > 0) || !Double.isFinite(k)) throw new IllegalArgumentException("add-k needs k > 0, got " + k);
    }

    @Override
    public NgramModel fit(NgramCounts counts) {
        NgramTrie trie = counts.trie;
        int order = trie.order();
        double outcomes = trie.vocabSize + 1.0;
        float[][] log10p = new float[order][];
        float[][] log10bow = new float[order - 1][];
        boolean[] bosBelow = null;
        for (int n = 1; n <= order; n++) {
            boolean[] bos = trie.startsWithBos(n, bosBelow);
            int[] c = counts.raw(n);
            int contexts = n == 1 ? 1 : trie.size(n - 1);
            double[] total = new double[contexts];
            for (int i = 0; i < c.length; i++) total[trie.context(n, i)] += c[i];
            double[] p = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                boolean direct = n == order || bos[i];
                p[i] = direct ? (c[i] + k) / (total[trie.context(n, i)] + k * outcomes) : 1 / outcomes;
            }
            if (n == 1) p[trie.vocabSize + 1] = 0; // <s> is never predicted
            log10p[n - 1] = KneserNey.log10(p);
            if (n > 1) {
                double[] bow = new double[contexts];
                for (int h = 0; h < contexts; h++) {
                    boolean direct = n == order || bosBelow[h];
                    bow[h] = direct && total[h] > 0 ? k * outcomes / (total[h] + k * outcomes) : 1;
                }
                log10bow[n - 2] = KneserNey.log10(bow);
            }
            bosBelow = bos;
        }
        return new NgramModel(trie, log10p, log10bow);
    }
}
