package nextword.lab.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Word2VecTest {

    @TempDir
    Path dir;

    /**
     * Ten planted synonym pairs: in each sentence "l1 l2 W r1 r2" around pair i, W is a_i or b_i at random, and
     * l/r are pair i's own context words, mixed with filler words shared by all. Only a_i and b_i share contexts.
     */
    static String synonymCorpus(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < 3000; s++) {
            String i = DIGITS[r.nextInt(10)];
            String w = (r.nextBoolean() ? "a" : "b") + i;
            text.append(String.format("fill%s l%sx l%sy %s r%sx r%sy fill%s%n", DIGITS[r.nextInt(10)], i, i, w, i, i, DIGITS[r.nextInt(10)]));
        }
        return text.toString();
    }

    /** Spelled out: a word is letters only. */
    static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    static Word2Vec.Options quick(long seed) {
        return new Word2Vec.Options(24, 3, 5, 5, 0, 0.05f, seed);
    }

    @Test
    void wordsUsedInTheSameContextsEndUpNearestEachOther() throws IOException {
        WordVectors v = Word2Vec.train(Sentences.of(synonymCorpus(1), 1), quick(1), null);
        for (String digit : DIGITS) {
            assertEquals("b" + digit, v.nearest("a" + digit, 1).getFirst().word(), "planted synonym of a" + digit);
            assertEquals("a" + digit, v.nearest("b" + digit, 1).getFirst().word(), "planted synonym of b" + digit);
        }
    }

    /**
     * Eight people, each a (sex, role) pair, seen with words of their sex ("he"/"she" words) and of their role;
     * the difference between the two sexes is the same for every role, so analogies across roles hold.
     */
    static String analogyCorpus(long seed) {
        String[] roles = {"king", "duke", "actor", "waiter"};
        String[][] people = {{"king", "queen"}, {"duke", "duchess"}, {"actor", "actress"}, {"waiter", "waitress"}};
        String[][] sexWords = {{"he", "him", "his", "man", "sir"}, {"she", "her", "hers", "woman", "madam"}};
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < 6000; s++) {
            int role = r.nextInt(roles.length);
            int sex = r.nextInt(2);
            String[] w = sexWords[sex];
            text.append(w[r.nextInt(5)]).append(' ').append(roles[role]).append("ish ").append(people[role][sex]).append(' ')
                    .append(roles[role]).append("ly ").append(w[r.nextInt(5)]).append('\n');
        }
        return text.toString();
    }

    @Test
    void analogiesHoldWhenMeaningIsASumOfParts() throws IOException {
        WordVectors v = Word2Vec.train(Sentences.of(analogyCorpus(3), 1), quick(3), null);
        String[][] people = {{"king", "queen"}, {"duke", "duchess"}, {"actor", "actress"}, {"waiter", "waitress"}};
        int right = 0, asked = 0;
        for (String[] x : people) {
            for (String[] y : people) {
                if (x == y) continue;
                asked++;
                // x_male : x_female :: y_male : ?  →  y_female
                if (v.analogy(x[0], x[1], y[0], 1).getFirst().word().equals(y[1])) right++;
            }
        }
        assertEquals(asked, right, "analogies answered right");
    }

    @Test
    void trainingIsReproducibleAndTheSeedMatters() throws IOException {
        Sentences s = Sentences.of(synonymCorpus(2), 1);
        WordVectors a = Word2Vec.train(s, new Word2Vec.Options(8, 2, 3, 1, 1e-3, 0.05f, 9), null);
        WordVectors b = Word2Vec.train(s, new Word2Vec.Options(8, 2, 3, 1, 1e-3, 0.05f, 9), null);
        WordVectors c = Word2Vec.train(s, new Word2Vec.Options(8, 2, 3, 1, 1e-3, 0.05f, 10), null);
        assertArrayEquals(a.vector("azero"), b.vector("azero"));
        assertTrue(!java.util.Arrays.equals(a.vector("azero"), c.vector("azero")));
    }

    @Test
    void sentencesAreLowerCaseWordsWithRareOnesDropped() throws IOException {
        Sentences s = Sentences.of("The cat sat.\nthe 1961 cat -- hat\n\nthe end\nrare\n", 2);
        assertEquals(List.of("the", "cat"), s.words(), "most frequent first; one-off words and numbers dropped");
        assertEquals(2, s.sentenceCount(), "the line left with one kept word is no sentence");
        assertArrayEquals(new int[] {0, 1}, s.sentence(1));
        Sentences all = Sentences.of("The cat's well-known hat.\n", 1);
        assertEquals(List.of("cat's", "hat", "the", "well-known"), all.words().stream().sorted().toList());
    }

    @Test
    void vecFilesRoundTripExactly() throws IOException {
        WordVectors v = new WordVectors(List.of("a", "b", "c"), new float[] {1, 0, 0.1f, 1e-7f, -2.5f, 3}, 2);
        Path f = dir.resolve("v.vec");
        v.save(f);
        WordVectors back = WordVectors.load(f);
        assertEquals(v.words(), back.words());
        for (String w : v.words()) assertArrayEquals(v.vector(w), back.vector(w));
        assertEquals("2 dimensions", Files.readAllLines(f).getFirst().split(" ")[1] + " dimensions");
    }

    @Test
    void damagedVecFilesAreRefusedWithTheReason() throws IOException {
        String[][] bad = {
            {"3 2\na 1 2\nb 1 2\n", "promises 3 words"},
            {"1 2\na 1 2\nb 1 2\n", "more words"},
            {"2 2\na 1 2\nb 1\n", "has 1 numbers"},
            {"1 2\na 1 NaN\n", "holds NaN"},
            {"1 2\na 1 x\n", "not a number"},
            {"hello\n", "not a word2vec text file"},
            {"2000000000 2000\n", "impossible size"},
        };
        for (String[] b : bad) {
            Path f = dir.resolve("bad.vec");
            Files.writeString(f, b[0]);
            IOException e = assertThrows(IOException.class, () -> WordVectors.load(f), b[0]);
            assertTrue(e.getMessage().contains(b[1]), e.getMessage());
        }
    }

    @Test
    void unknownWordsAreNamed() {
        WordVectors v = new WordVectors(List.of("a", "b"), new float[] {1, 0, 0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.nearest("zebra", 3));
        assertTrue(e.getMessage().contains("'zebra'"));
        assertEquals(0, v.cosine("a", "b"), 1e-7);
    }
}
