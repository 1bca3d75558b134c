package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddKTest {

    static final TinyTokenizer AB = TinyTokenizer.words("a", "b");
    static final int A = 0, B = 1, EOS = 2, BOS = 3;

    static NgramCounts abText(int order) {
        return Corpora.count(order, 2, List.of(AB.encode("a b"), AB.encode("a b"), AB.encode("b")));
    }

    @Test
    void byHand() {
        // <s> a b </s> | <s> a b </s> | <s> b </s>, k = 1, three outcomes (a, b, </s>).
        NgramModel bigram = new AddK(1).fit(abText(2));
        int[] bos = {BOS};
        assertEquals(3.0 / 6, bigram.probability(bos, A), 1e-6);   // (2+1)/(3+3)
        assertEquals(2.0 / 6, bigram.probability(bos, B), 1e-6);   // (1+1)/(3+3)
        assertEquals(1.0 / 6, bigram.probability(bos, EOS), 1e-6); // (0+1)/(3+3)
        assertEquals(3.0 / 5, bigram.probability(new int[] {A}, B), 1e-6);
        assertEquals(1.0 / 5, bigram.probability(new int[] {A}, A), 1e-6);
        assertEquals(4.0 / 6, bigram.probability(new int[] {B}, EOS), 1e-6);
        assertEquals(1.0 / 6, bigram.probability(new int[] {B}, A), 1e-6);
        assertEquals(1.0 / 3, bigram.probability(new int[] {EOS}, A), 1e-6, "an unseen context is uniform");
        NgramModel unigram = new AddK(1).fit(abText(1));
        assertEquals(3.0 / 11, unigram.probability(new int[0], A), 1e-6); // (2+1)/(8+3)
        assertEquals(4.0 / 11, unigram.probability(new int[0], B), 1e-6);
        assertEquals(4.0 / 11, unigram.probability(new int[0], EOS), 1e-6);
        Evaluation e = bigram.evaluate(List.of(AB.encode("a b")), 3);
        assertEquals(Math.pow(0.5 * 0.6 * 4 / 6, -1.0 / 3), e.perplexity(), 1e-5);
        assertEquals(-Math.log(0.2) / Math.log(2) / 3, e.bitsPerChar(), 1e-5);
    }

    @Test
    void matchesTheFormulaOnRandomTextAndSumsToOne() {
        int vocab = 10;
        List<int[]> text = Corpora.markov(9, 300, 15, 7);
        SplittableRandom rng = new SplittableRandom(11);
        for (int order = 1; order <= 5; order++) {
            NgramCounts counts = Corpora.count(order, vocab, text);
            double k = 0.25;
            NgramModel model = new AddK(k).fit(counts);
            for (int t = 0; t < 200; t++) {
                // A history as a model meets it: the last N−1 ids, or all of them since <s>.
                int[] h = Corpora.history(rng, vocab, order + 2);
                if (h.length > 1 && Arrays.stream(h, 1, h.length).anyMatch(x -> x > vocab)) continue;
                int m = Math.min(order - 1, h.length);
                int[] context = Arrays.copyOfRange(h, h.length - m, h.length);
                if (m < order - 1 && (m == 0 || context[0] != vocab + 1)) continue;
                double total = 0;
                for (int x = 0; x <= vocab; x++) total += count(counts, context, x);
                double sum = 0;
                for (int w = 0; w <= vocab; w++) {
                    double expected = (count(counts, context, w) + k) / (total + k * (vocab + 1));
                    assertEquals(expected, model.probability(h, w), expected * 1e-5, "p(" + w + " | " + Arrays.toString(h) + ")");
                    sum += model.probability(h, w);
                }
                assertEquals(1, sum, 1e-5);
            }
        }
    }

    private static long count(NgramCounts counts, int[] context, int w) {
        int[] g = Arrays.copyOf(context, context.length + 1);
        g[context.length] = w;
        return counts.count(g);
    }

    @Test
    void refusesNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> new AddK(0));
        assertThrows(IllegalArgumentException.class, () -> new AddK(Double.NaN));
        assertEquals(new AddK(0.5), Smoothing.parse("add-0.5"));
        assertEquals(new KneserNey(), Smoothing.parse("kn"));
        assertThrows(IllegalArgumentException.class, () -> Smoothing.parse("witten-bell"));
    }
}
