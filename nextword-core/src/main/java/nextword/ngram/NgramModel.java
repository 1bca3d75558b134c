package nextword.ngram;

import java.util.Arrays;

/**
 * An n-gram language model in backoff form, the form ARPA files store: for every n-gram seen in training
 * its probability p(w | h) (log10), and for every context h a backoff weight b(h) (log10). For an unseen
 * (h, w), p(w | h) = b(h) · p(w | h without its oldest word). Interpolated Kneser–Ney and add-k both fit
 * this form exactly, so this one class queries, samples, evaluates and saves them all.
 *
 * <p>Ids follow {@link NgramCounter}: 0…V−1 the tokenizer's, V = &lt;/s&gt; (predicted at the end of each
 * segment), V+1 = &lt;s&gt; (only ever context). Probabilities are stored as floats: 16 bytes per n-gram
 * (key, log10 p, log10 b), 12 at the highest order, which has no backoff weights.
 */
public final class NgramModel extends NgramTables {

    private final float[][] log10p;
    private final float[][] log10bow;
    private final double[] unigram;

    NgramModel(NgramTrie trie, float[][] log10p, float[][] log10bow) {
        super(trie);
        int order = trie.order();
        if (log10p.length != order || log10bow.length != order - 1) throw new IllegalArgumentException("probability tables do not match an order-" + order + " trie");
        for (int n = 1; n <= order; n++) {
            if (log10p[n - 1].length != trie.size(n)) throw new IllegalArgumentException("order " + n + ": " + log10p[n - 1].length + " probabilities for " + trie.size(n) + " n-grams");
            if (n < order && log10bow[n - 1].length != trie.size(n)) throw new IllegalArgumentException("order " + n + ": " + log10bow[n - 1].length + " backoff weights for " + trie.size(n) + " n-grams");
        }
        this.log10p = log10p;
        this.log10bow = log10bow;
        this.unigram = new double[trie.vocabSize + 1];
        for (int w = 0; w < unigram.length; w++) unigram[w] = Math.pow(10, log10p[0][w]);
    }


    /** log10 p(word | context), context oldest first (it may begin with &lt;s&gt;; only its last N−1 ids count). */
    public double log10(int[] context, int word) {
        checkPredictable(word);
        checkContext(context);
        int m = Math.min(order() - 1, context.length);
        int[] ctx = new int[order() + 1];
        for (int j = 1; j <= m; j++) ctx[j] = trie.index(context, context.length - j, context.length);
        return score(ctx, m, word, new int[order() + 1]);
    }

    /** p(word | context). */
    public double probability(int[] context, int word) {
        return Math.pow(10, log10(context, word));
    }

    /**
     * p(· | context) over all V+1 predictable ids (index V is &lt;/s&gt;), in O(N·V): start from the unigram
     * distribution and, for each longer context that exists, scale everything by its backoff weight and put
     * in the probabilities of the words seen after it.
     */
    public double[] distribution(int[] context) {
        checkContext(context);
        double[] p = unigram.clone();
        int m = Math.min(order() - 1, context.length);
        for (int j = 1; j <= m; j++) {
            int c = trie.index(context, context.length - j, context.length);
            if (c < 0) continue;
            float bow = log10bow[j - 1][c];
            if (bow != 0f) {
                double b = Math.pow(10, bow);
                for (int w = 0; w < p.length; w++) p[w] *= b;
            }
            int end = trie.firstChild(j, c + 1);
            for (int i = trie.firstChild(j, c); i < end; i++) {
                int w = trie.word(j + 1, i);
                if (w < p.length) p[w] = Math.pow(10, log10p[j][i]);
            }
        }
        return p;
    }

    /** log10 of the probability of one segment: every id given the ones before it after &lt;s&gt;, then &lt;/s&gt;. */
    public double log10Segment(int[] ids) {
        int order = order();
        int[] ctx = new int[order + 1];
        int[] next = new int[order + 1];
        ctx[1] = bos();
        int m = Math.min(1, order - 1);
        double sum = 0;
        for (int i = 0; i <= ids.length; i++) {
            int w = i < ids.length ? ids[i] : eos();
            checkPredictable(w);
            sum += score(ctx, m, w, next);
            m = Math.min(m + 1, order - 1);
            int[] t = ctx;
            ctx = next;
            next = t;
        }
        return sum;
    }

    /** Perplexity and bits per character over segments whose text has the given number of characters. */
    public Evaluation evaluate(Iterable<int[]> segments, long characters) {
        double log10 = 0;
        long predictions = 0;
        long count = 0;
        for (int[] s : segments) {
            log10 += log10Segment(s);
            predictions += s.length + 1;
            count++;
        }
        return new Evaluation(predictions, count, log10, characters);
    }

    /** Bytes of the stored tables (keys, probabilities, backoff weights) per n-gram, over all orders. */
    public double bytesPerNgram() {
        long bytes = 0;
        long ngrams = 0;
        for (int n = 1; n <= order(); n++) {
            ngrams += size(n);
            bytes += 8L * trie.keys[n - 1].length + 4L * log10p[n - 1].length + (n < order() ? 4L * log10bow[n - 1].length : 0);
        }
        return (double) bytes / ngrams;
    }

    float log10p(int n, int i) {
        return log10p[n - 1][i];
    }

    /** log10 backoff weight of n-gram i of order n &lt; N as a context (0: no penalty). */
    float log10bow(int n, int i) {
        return log10bow[n - 1][i];
    }

    /**
     * log10 p(w | h) where ctx[j], j = 1…m, is the index of h's last j ids at order j (-1 when absent): the
     * longest seen (h's suffix, w) gives the probability, each longer context present adds its backoff
     * weight. Leaves in next[j], j = 1…m+1, the index of the last j ids once w is appended.
     */
    private double score(int[] ctx, int m, int w, int[] next) {
        next[1] = w;
        for (int j = 1; j <= m; j++) next[j + 1] = trie.find(j + 1, ctx[j], w);
        double bows = 0;
        int match = m;
        while (next[match + 1] < 0) {
            if (ctx[match] >= 0) bows += log10bow[match - 1][ctx[match]];
            match--;
        }
        return log10p[match][next[match + 1]] + bows;
    }

    /** Ids beyond &lt;s&gt; would spill into the context half of a packed key and match some other n-gram. */
    private void checkContext(int[] context) {
        for (int id : context) {
            if (id < 0 || id > bos()) throw new IllegalArgumentException("context id " + id + " is outside 0…" + bos());
        }
    }

    private void checkPredictable(int w) {
        if (w < 0 || w > eos()) throw new IllegalArgumentException("cannot predict id " + w + ": the model predicts ids 0…" + eos());
    }

    @Override
    public String toString() {
        int[] sizes = new int[order()];
        for (int n = 1; n <= order(); n++) sizes[n - 1] = size(n);
        return "NgramModel[order " + order() + ", vocabulary " + vocabSize() + ", n-grams " + Arrays.toString(sizes) + "]";
    }
}
