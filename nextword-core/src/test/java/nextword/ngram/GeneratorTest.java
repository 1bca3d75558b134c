package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    static final TinyTokenizer WORDS = TinyTokenizer.words("the", "cat", "sat", "on", "mat", "dog", "ran");

    static NgramModel model(int order) {
        NgramCounter counter = new NgramCounter(order, WORDS.vocabSize());
        for (String s : List.of("the cat sat on the mat", "the dog sat on the cat", "the dog ran")) counter.add(WORDS.encode(s));
        return new KneserNey().fit(counter.counts());
    }

    @Test
    void greedyFollowsTheCounts() {
        // After "the cat": "sat" beats everything unseen; then "on", "the". After "on the", "mat" and "cat" were
        // each seen once, and the tie goes to "cat", the likelier after "the" alone (2 of 5 times vs 1).
        int[] out = Generator.generate(model(3), WORDS.encode("the cat"), 4, new Sampling(0, 0), new SplittableRandom(1));
        assertEquals("sat on the cat", WORDS.decode(out));
    }

    @Test
    void sameSeedSameTextAndEndsOfSegmentsBreakLines() {
        NgramModel m = model(2);
        Sampling s = new Sampling(1, 0);
        int[] a = Generator.generate(m, WORDS.encode("cat"), 60, s, new SplittableRandom(3));
        int[] b = Generator.generate(m, WORDS.encode("cat"), 60, s, new SplittableRandom(3));
        assertArrayEquals(a, b);
        String text = Generator.decode(WORDS, a);
        assertTrue(text.contains("\n"), "60 words of this text must end a sentence somewhere: " + text);
        assertEquals(java.util.Arrays.stream(a).filter(x -> x == m.eos()).count(), text.chars().filter(c -> c == '\n').count());
    }
}
