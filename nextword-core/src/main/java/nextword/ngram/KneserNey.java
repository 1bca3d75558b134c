package nextword.ngram;

import java.util.ArrayList;
import java.util.List;

/**
 * Interpolated modified Kneser–Ney smoothing (Chen &amp; Goodman 1998), the default.
 *
 * <pre>
 *   p(w | h) = max(c(h w) − D(c(h w)), 0) / c(h ·)  +  γ(h) · p(w | h′)        h′ = h without its oldest word
 *   γ(h)     = (D1·N1(h ·) + D2·N2(h ·) + D3+·N3+(h ·)) / c(h ·)
 *   p(w)     = max(c(w) − D(c(w)), 0) / c(·)  +  γ(·) / (V+1)                   uniform over every id and &lt;/s&gt;
 * </pre>
 *
 * c is the raw count at the highest order and for n-grams starting with &lt;s&gt;; at lower orders it is the
 * continuation count N1+(• h w), the number of different words seen before h w, because a lower order is
 * only consulted when the longer context was not seen, and what matters then is in how many contexts w
 * appears, not how often ("Francisco" is frequent but follows almost only "San"). A context never seen
 * passes its lower order through unchanged. D1, D2, D3+ are estimated per order from the counts of counts
 * n1…n4 of those adjusted counts: Y = n1/(n1+2·n2), D1 = 1−2Y·n2/n1, D2 = 2−3Y·n3/n2, D3+ = 3−4Y·n4/n3;
 * when the counts are too few for an estimate in (0, r] (tiny texts), D_r falls back to Y (or 0.5).
 */
public record KneserNey() implements Smoothing {

    /** The three discounts of one order, for counts 1, 2 and 3 or more. */
    public record Discounts(double d1, double d2, double d3) {
        double of(int count) {
            return count <= 0 ? 0 : count == 1 ? d1 : count == 2 ? d2 : d3;
        }
    }

    /** The discounts of orders 1…N (index 0 is order 1) these counts give. */
    public static List<Discounts> discounts(NgramCounts counts) {
        int[][] adjusted = adjustedCounts(counts, suffixes(counts));
        List<Discounts> out = new ArrayList<>();
        for (int[] a : adjusted) out.add(estimate(a));
        return out;
    }

    @Override
    public NgramModel fit(NgramCounts counts) {
        NgramTrie trie = counts.trie;
        int order = trie.order();
        int[][] suffix = suffixes(counts);
        int[][] adjusted = adjustedCounts(counts, suffix);
        double uniform = 1.0 / (trie.vocabSize + 1);
        float[][] log10p = new float[order][];
        float[][] log10bow = new float[order - 1][];
        double[] below = null;
        for (int n = 1; n <= order; n++) {
            int[] a = adjusted[n - 1];
            Discounts d = estimate(a);
            int contexts = n == 1 ? 1 : trie.size(n - 1);
            double[] total = new double[contexts];
            double[] discounted = new double[contexts];
            for (int i = 0; i < a.length; i++) {
                if (a[i] == 0) continue;
                int h = trie.context(n, i);
                total[h] += a[i];
                discounted[h] += d.of(a[i]);
            }
            double[] p = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                double lower = n == 1 ? uniform : below[suffix[n - 1][i]];
                int h = trie.context(n, i);
                p[i] = total[h] == 0 ? lower : (Math.max(a[i] - d.of(a[i]), 0) + discounted[h] * lower) / total[h];
            }
            if (n == 1) p[trie.vocabSize + 1] = 0; // <s> is never predicted
            log10p[n - 1] = log10(p);
            if (n > 1) {
                double[] gamma = new double[contexts];
                for (int h = 0; h < contexts; h++) gamma[h] = total[h] == 0 ? 1 : discounted[h] / total[h];
                log10bow[n - 2] = log10(gamma);
            }
            below = p;
        }
        return new NgramModel(trie, log10p, log10bow);
    }

    static float[] log10(double[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = (float) Math.log10(p[i]);
        return out;
    }

    /** suffix[n−1][i]: index at order n−1 of n-gram i of order n without its first word (null for n = 1). */
    private static int[][] suffixes(NgramCounts counts) {
        NgramTrie trie = counts.trie;
        int[][] s = new int[trie.order()][];
        for (int n = 2; n <= trie.order(); n++) s[n - 1] = trie.suffixes(n, s[n - 2]);
        return s;
    }

    /** Raw counts at the highest order and for n-grams starting with &lt;s&gt;; continuation counts elsewhere. */
    private static int[][] adjustedCounts(NgramCounts counts, int[][] suffix) {
        NgramTrie trie = counts.trie;
        int order = trie.order();
        int[][] adjusted = new int[order][];
        adjusted[order - 1] = counts.raw(order);
        boolean[] bos = null;
        for (int n = 1; n < order; n++) {
            bos = trie.startsWithBos(n, bos);
            int[] a = new int[trie.size(n)];
            for (int parent : suffix[n]) a[parent]++;
            int[] raw = counts.raw(n);
            for (int i = 0; i < a.length; i++) if (bos[i]) a[i] = raw[i];
            adjusted[n - 1] = a;
        }
        return adjusted;
    }

    private static Discounts estimate(int[] adjusted) {
        long[] n = new long[5];
        for (int c : adjusted) if (c >= 1 && c <= 4) n[c]++;
        double y = n[1] > 0 ? (double) n[1] / (n[1] + 2.0 * n[2]) : 0.5;
        double[] d = new double[4];
        for (int r = 1; r <= 3; r++) {
            double est = r - (r + 1) * y * n[r + 1] / n[r];
            d[r] = Double.isFinite(est) && est > 0 && est <= r ? est : y;
        }
        return new Discounts(d[1], d[2], d[3]);
    }
}
