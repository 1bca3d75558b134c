package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KneserNeyTest {

    static final double TOL = 2e-6;

    @Test
    void bigramByHand() {
        // Segments "a b", "a b", "b" over {a, b}:  <s> a b </s> | <s> a b </s> | <s> b </s>.  V+1 = 3 outcomes.
        // Order 1, continuation counts: a ← {<s>} = 1, b ← {a, <s>} = 2, </s> ← {b} = 1; total 4.
        //   n1 = 2, n2 = 1, n3 = n4 = 0: Y = 2/4; D1 = 1 − 2·½·1/2 = ½; D2 = 2 − 3·½·0 = 2; D3+ = Y = ½ (0/0).
        //   γ = (½·2 + 2·1)/4 = ¾:  p(a) = (1−½)/4 + ¾/3 = 0.375, p(b) = 0 + ¼ = 0.25, p(</s>) = 0.375.
        // Order 2, raw counts: <s> a = 2, a b = 2, b </s> = 3, <s> b = 1:  n1 = 1, n2 = 2, n3 = 1, n4 = 0:
        //   Y = 1/5; D1 = 1 − 2·⅕·2 = 0.2; D2 = 2 − 3·⅕·½ = 1.7; D3+ = 3 − 0 = 3.
        //   after <s>: total 3, γ = (1.7 + 0.2)/3:  p(a) = 0.3/3 + γ·0.375 = 0.3375, p(b) = 0.8/3 + γ·0.25 = 0.425
        //   after a:   total 2, γ = 0.85:          p(b) = 0.3/2 + 0.85·0.25 = 0.3625, p(a) = p(</s>) = 0.85·0.375
        //   after b:   total 3, γ = 3/3 = 1:       p(</s>) = 0.375 (its own mass all discounted), p(a) = 0.375
        TinyTokenizer ab = TinyTokenizer.words("a", "b");
        int a = 0, b = 1, eos = 2, bos = 3;
        NgramCounts counts = Corpora.count(2, 2, List.of(ab.encode("a b"), ab.encode("a b"), ab.encode("b")));
        List<KneserNey.Discounts> d = KneserNey.discounts(counts);
        assertEquals(new KneserNey.Discounts(0.5, 2, 0.5), d.get(0));
        assertEquals(0.2, d.get(1).d1(), 1e-12);
        assertEquals(1.7, d.get(1).d2(), 1e-12);
        assertEquals(3, d.get(1).d3(), 1e-12);
        NgramModel m = new KneserNey().fit(counts);
        int[] none = {};
        assertEquals(0.375, m.probability(none, a), TOL);
        assertEquals(0.25, m.probability(none, b), TOL);
        assertEquals(0.375, m.probability(none, eos), TOL);
        assertEquals(0.3375, m.probability(new int[] {bos}, a), TOL);
        assertEquals(0.425, m.probability(new int[] {bos}, b), TOL);
        assertEquals(1.9 / 3 * 0.375, m.probability(new int[] {bos}, eos), TOL);
        assertEquals(0.3625, m.probability(new int[] {a}, b), TOL);
        assertEquals(0.85 * 0.375, m.probability(new int[] {a}, a), TOL);
        assertEquals(0.375, m.probability(new int[] {b}, eos), TOL);
        assertEquals(0.375, m.probability(new int[] {b}, a), TOL);
        assertEquals(0.25, m.probability(new int[] {eos}, b), TOL, "a context never seen passes the unigram through");
        // The probability of a segment is the product along it.
        assertEquals(Math.log10(0.3375 * 0.3625 * 0.375), m.log10Segment(ab.encode("a b")), 1e-6);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.distribution(new int[] {a, 99}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.log10(new int[] {a}, bos));
    }

    @Test
    void matchesTheEquationsOnRandomText() {
        int vocab = 9; // ids 6, 7, 8 never occur: they live on the uniform share alone
        for (int order = 1; order <= 5; order++) {
            List<int[]> text = Corpora.markov(order, 300, 14, 6);
            NgramCounts counts = Corpora.count(order, vocab, text);
            ReferenceKneserNey reference = new ReferenceKneserNey(order, vocab, text);
            List<KneserNey.Discounts> d = KneserNey.discounts(counts);
            for (int n = 1; n <= order; n++) {
                assertEquals(reference.discount(n, 1), d.get(n - 1).d1(), 1e-12);
                assertEquals(reference.discount(n, 2), d.get(n - 1).d2(), 1e-12);
                assertEquals(reference.discount(n, 3), d.get(n - 1).d3(), 1e-12);
            }
            NgramModel model = new KneserNey().fit(counts);
            SplittableRandom rng = new SplittableRandom(order);
            // Every seen context, and random ones (mostly unseen), each with every word.
            for (int n = 1; n < order; n++) {
                for (int i = 0; i < counts.size(n); i++) checkAllWords(model, reference, counts.words(n, i), vocab);
            }
            for (int t = 0; t < 200; t++) checkAllWords(model, reference, Corpora.history(rng, vocab, order + 1), vocab);
        }
    }

    private static void checkAllWords(NgramModel model, ReferenceKneserNey reference, int[] history, int vocab) {
        if (history.length > 1 && Arrays.stream(history, 1, history.length).anyMatch(x -> x >= vocab)) return; // not a real history
        for (int w = 0; w <= vocab; w++) {
            int word = w;
            double expected = reference.probability(history, w);
            assertEquals(expected, model.probability(history, w), expected * 1e-5, () -> "p(" + word + " | " + Arrays.toString(history) + ")");
        }
    }

    @Test
    void sumsToOneForEveryContext() {
        int vocab = 12;
        List<int[]> text = Corpora.markov(42, 400, 20, 8);
        SplittableRandom rng = new SplittableRandom(3);
        for (int order = 1; order <= 6; order++) {
            NgramCounts counts = Corpora.count(order, vocab, text);
            NgramModel model = new KneserNey().fit(counts);
            int seen = Math.min(order - 1, 3); // contexts seen in training, then random ones
            for (int t = 0; t < 300; t++) {
                int[] h = seen > 0 && t < Math.min(150, counts.size(seen)) ? counts.words(seen, t) : Corpora.history(rng, vocab, 8);
                double[] dist = model.distribution(h);
                assertEquals(vocab + 1, dist.length);
                double sum = 0;
                for (int w = 0; w <= vocab; w++) {
                    sum += dist[w];
                    assertEquals(model.probability(h, w), dist[w], 1e-9 + 1e-6 * dist[w]);
                }
                assertEquals(1, sum, 1e-5, "order " + order + ", context " + Arrays.toString(h));
            }
        }
    }

    @Test
    void segmentScoreIsTheSumOfItsPredictions() {
        int vocab = 7;
        List<int[]> text = Corpora.markov(5, 200, 12, 7);
        NgramModel model = new KneserNey().fit(Corpora.count(4, vocab, text));
        int[] segment = {1, 2, 3, 6, 0, 1, 1};
        double sum = 0;
        int[] history = {model.bos()};
        for (int i = 0; i <= segment.length; i++) {
            int w = i < segment.length ? segment[i] : model.eos();
            sum += model.log10(history, w);
            history = Arrays.copyOf(history, history.length + 1);
            history[history.length - 1] = w;
        }
        assertEquals(sum, model.log10Segment(segment), 1e-9);
        Evaluation e = model.evaluate(List.of(segment, new int[0]), 20);
        assertEquals(9, e.predictions());
        double total = sum + model.log10Segment(new int[0]);
        assertEquals(Math.pow(10, -total / 9), e.perplexity(), 1e-9);
        assertEquals(-total / Math.log10(2) / 20, e.bitsPerChar(), 1e-9);
    }
}
