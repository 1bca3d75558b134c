package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NgramCounterTest {

    static final TinyTokenizer ABC = TinyTokenizer.words("a", "b", "c");
    static final int A = 0, B = 1, C = 2, EOS = 3, BOS = 4;

    static NgramCounts count(int order, String... segments) {
        NgramCounter counter = new NgramCounter(order, ABC.vocabSize());
        for (String s : segments) counter.add(ABC.encode(s));
        return counter.counts();
    }

    @Test
    void countsByHandEveryOrderWithinSegments() {
        // <s> a b a b </s>   and   <s> b c </s>
        NgramCounts c = count(7, "a b a b", "b c");
        assertEquals(6, c.tokens());
        assertEquals(2, c.segments());
        assertEquals(2, c.count(A));
        assertEquals(3, c.count(B));
        assertEquals(1, c.count(C));
        assertEquals(2, c.count(EOS));
        assertEquals(0, c.count(BOS), "<s> is context only, never counted as predicted");
        assertEquals(2, c.count(A, B));
        assertEquals(1, c.count(B, A));
        assertEquals(1, c.count(BOS, A));
        assertEquals(1, c.count(BOS, B));
        assertEquals(1, c.count(B, EOS));
        assertEquals(0, c.count(B, B), "no n-gram crosses a segment boundary");
        assertEquals(0, c.count(C, A));
        assertEquals(1, c.count(A, B, A));
        assertEquals(1, c.count(A, B, EOS));
        assertEquals(1, c.count(BOS, B, C, EOS));
        assertEquals(1, c.count(BOS, A, B, A, B, EOS));
        assertEquals(0, c.count(BOS, A, B, A, B, EOS, BOS));
        // Order 1 lists every id; higher orders list only what occurred.
        int[] sizes = {5, 7, 6, 4, 2, 1, 0};
        for (int n = 1; n <= 7; n++) assertEquals(sizes[n - 1], c.size(n), "order " + n);
        assertArrayEquals(new long[] {0, 6, 1}, c.countOfCounts(2, 2));
    }

    @Test
    void sortedNgramsDecodeToTheirOwnCounts() {
        NgramCounts c = count(4, "a b c a b c a", "c c b", "a", "");
        for (int n = 1; n <= 4; n++) {
            long total = 0;
            for (int i = 0; i < c.size(n); i++) {
                int[] words = c.words(n, i);
                assertEquals(n, words.length);
                assertEquals(c.countAt(n, i), c.count(words));
                total += c.countAt(n, i);
                if (i > 0) assertEquals(-1, Long.compare(c.trie.keys[n - 1][i - 1], c.trie.keys[n - 1][i]));
            }
            // A prediction (each token and each </s>) at position i of its segment ends an order-n n-gram when
            // it has n−1 ids before it, <s> included: i ≥ n−2. The segments make 8, 4, 2 and 1 predictions.
            long expected = 0;
            for (int predictions : new int[] {8, 4, 2, 1}) expected += Math.max(0, predictions - Math.max(0, n - 2));
            assertEquals(expected, total, "order " + n);
        }
    }

    @Test
    void refusesIdsOutsideTheVocabulary() {
        NgramCounter counter = new NgramCounter(2, 3);
        assertThrows(IllegalArgumentException.class, () -> counter.add(new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> counter.add(new int[] {-1}));
        assertEquals(0, counter.tokens());
        assertThrows(IllegalArgumentException.class, () -> new NgramCounter(0, 3));
    }
}
