package nextword.ngram;

/**
 * Counts every n-gram of orders 1…N in a stream of segments (sentences, lines or whole texts) of token
 * ids. Each segment is read as {@code <s> ids… </s>}: n-grams never cross a segment boundary, &lt;s&gt;
 * only ever starts one and &lt;/s&gt; only ever ends one (the convention of KenLM and SRILM).
 *
 * <p>Ids 0…V−1 are the tokenizer's; {@link #eos()} = V and {@link #bos()} = V+1. Each token costs one hash
 * probe per order: the k-gram ending here is (the (k−1)-gram that ended at the previous token, this word).
 */
public final class NgramCounter implements NgramIds {

    private final int order;
    private final int vocabSize;
    private final int bits;
    private final NgramTable[] tables;
    private final int[] previous;
    private final int[] current;
    private long tokens;
    private long segments;

    /** A counter for n-grams up to order over a tokenizer with vocabSize ids. */
    public NgramCounter(int order, int vocabSize) {
        if (order < 1) throw new IllegalArgumentException("n-gram order must be at least 1, got " + order);
        if (vocabSize < 1 || vocabSize > Integer.MAX_VALUE - 2) throw new IllegalArgumentException("bad vocabulary size " + vocabSize);
        this.order = order;
        this.vocabSize = vocabSize;
        this.bits = NgramKey.bitsFor(vocabSize + 1);
        this.tables = new NgramTable[order];
        tables[0] = new NgramTable(vocabSize + 2);
        // Every id, seen or not, is a unigram whose index is the id itself: unseen words still get probability.
        for (int w = 0; w < vocabSize + 2; w++) tables[0].intern(w);
        for (int n = 1; n < order; n++) tables[n] = new NgramTable(1 << 16);
        previous = new int[order];
        current = new int[order];
    }

    /** Counts one segment, read as &lt;s&gt; ids… &lt;/s&gt;. */
    public void add(int[] ids) {
        add(ids, 0, ids.length);
    }

    /** Counts ids[from, to) as one segment. */
    public void add(int[] ids, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) throw new IllegalArgumentException("token id " + ids[i] + " outside the vocabulary [0, " + vocabSize + ")");
        }
        previous[0] = bos();
        int history = 1;
        for (int i = from; i <= to; i++) {
            int w = i < to ? ids[i] : eos();
            current[0] = tables[0].increment(w);
            int top = Math.min(order, history + 1);
            for (int n = 1; n < top; n++) current[n] = tables[n].increment(NgramKey.pack(previous[n - 1], w, bits));
            System.arraycopy(current, 0, previous, 0, top);
            history = top;
        }
        tokens += to - from;
        segments++;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }


    /** Tokens counted (not counting the &lt;/s&gt; that closes each segment). */
    public long tokens() {
        return tokens;
    }

    public long segments() {
        return segments;
    }

    /** Distinct n-grams of order n seen so far (for n = 1: the whole vocabulary with &lt;s&gt; and &lt;/s&gt;). */
    public int size(int n) {
        return tables[n - 1].size();
    }

    /** Bytes held by the counting tables. */
    public long bytes() {
        long b = 0;
        for (NgramTable t : tables) b += t.bytes();
        return b;
    }

    /**
     * The counts as sorted arrays, numbered again so that each order's keys ascend and their context halves
     * point into the order below's sorted arrays.
     */
    public NgramCounts counts() {
        long[][] keys = new long[order][];
        int[][] counts = new int[order][];
        keys[0] = tables[0].keys();
        counts[0] = tables[0].counts();
        int[] renumber = null;
        for (int n = 1; n < order; n++) {
            long[] k = tables[n].keys();
            int[] c = tables[n].counts();
            if (renumber != null) {
                for (int i = 0; i < k.length; i++) {
                    k[i] = NgramKey.pack(renumber[NgramKey.prefix(k[i], bits)], NgramKey.word(k[i], bits), bits);
                }
            }
            int[] from = KeySort.sort(k);
            int[] sortedCounts = new int[c.length];
            renumber = new int[k.length];
            for (int at = 0; at < k.length; at++) {
                renumber[from[at]] = at;
                sortedCounts[at] = c[from[at]];
            }
            keys[n] = k;
            counts[n] = sortedCounts;
        }
        return new NgramCounts(vocabSize, bits, keys, counts, tokens, segments);
    }
}
