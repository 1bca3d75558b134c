package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaTest {

    @TempDir
    Path dir;

    /** Pieces an ARPA file cannot hold as they are: spaces, line breaks, backslashes, duplicates, "<s>". */
    static final TinyTokenizer AWKWARD = new TinyTokenizer(List.of("the", " ", "\n", "a\\b", "", "x", "x", "<s>", "cat", "\u00a0"), false);

    @Test
    void wordsAreUniqueAndFreeOfWhitespace() {
        String[] words = Arpa.words(AWKWARD);
        assertEquals(AWKWARD.vocabSize() + 2, words.length);
        assertEquals(words.length, new HashSet<>(Arrays.asList(words)).size());
        for (String w : words) assertTrue(!w.isEmpty() && w.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)), w);
        assertEquals("\\s", words[1]);
        assertEquals("\\n", words[2]);
        assertEquals("a\\\\b", words[3]);
        assertEquals("</s>", words[10]);
        assertEquals("<s>", words[11]);
    }

    @Test
    void readingBackGivesTheSameProbabilities() throws IOException {
        int vocab = AWKWARD.vocabSize();
        List<int[]> text = Corpora.markov(17, 300, 12, 8);
        String[] words = Arpa.words(AWKWARD);
        SplittableRandom rng = new SplittableRandom(1);
        for (Smoothing smoothing : List.of(new KneserNey(), new AddK(0.1))) {
            for (int order : new int[] {1, 3, 5}) {
                NgramModel model = smoothing.fit(Corpora.count(order, vocab, text));
                Path arpa = dir.resolve("m" + order + ".arpa");
                Arpa.write(model, words, arpa);
                NgramModel back = Arpa.read(arpa, words);
                assertEquals(model.order(), back.order());
                for (int n = 1; n <= order; n++) {
                    assertEquals(model.size(n), back.size(n));
                    for (int i = 0; i < model.size(n); i++) {
                        assertEquals(model.log10p(n, i), back.log10p(n, i), 1e-5);
                        if (n < order) assertEquals(model.log10bow(n, i), back.log10bow(n, i), 1e-5);
                    }
                }
                for (int t = 0; t < 300; t++) {
                    int[] h = Corpora.history(rng, vocab, order + 1);
                    int w = rng.nextInt(vocab + 1);
                    assertEquals(model.log10(h, w), back.log10(h, w), 1e-5, () -> smoothing + " " + Arrays.toString(h));
                }
                // What we write, we read back exactly: writing it again gives the same bytes.
                Path again = dir.resolve("again.arpa");
                Arpa.write(back, words, again);
                assertArrayEquals(Files.readAllBytes(arpa), Files.readAllBytes(again));
            }
        }
    }

    static final String KENLM_STYLE = """
            \\data\\
            ngram 1=5
            ngram 2=3

            \\1-grams:
            -1.0\t<unk>\t0
            -99\t<s>\t-0.30103
            -0.5\tthe\t-0.2
            -0.8\tcat
            -0.7\t</s>

            \\2-grams:
            -0.1\t<s> the
            -0.3\tthe cat
            -0.2\tcat </s>

            \\end\\
            """;

    @Test
    void readsAFileFromAnotherToolWithItsOwnVocabulary() throws IOException {
        Path arpa = Files.writeString(dir.resolve("kenlm.arpa"), KENLM_STYLE);
        Arpa.Loaded loaded = Arpa.read(arpa);
        assertArrayEquals(new String[] {"<unk>", "the", "cat", "</s>", "<s>"}, loaded.words());
        NgramModel m = loaded.model();
        int unk = 0, the = 1, cat = 2, eos = 3, bos = 4;
        assertEquals(-0.3, m.log10(new int[] {the}, cat), 1e-6);
        assertEquals(-0.2 - 0.8, m.log10(new int[] {the}, the) - 0.3, 1e-6); // bow(the) + p(the) = -0.2 - 0.5
        assertEquals(-0.5, m.log10(new int[] {cat}, the), 1e-6, "no backoff weight listed: 0");
        assertEquals(-0.30103 - 0.8, m.log10(new int[] {bos}, cat), 1e-6);
        assertEquals(-0.1, m.log10(new int[] {bos}, the), 1e-6);
        assertEquals(-1.0, m.log10(new int[] {eos}, unk), 1e-6);
        assertEquals(-0.1 - 0.3 - 0.2, m.log10Segment(new int[] {the, cat}), 1e-6);
    }

    @Test
    void readsIrstlmLayoutWithoutBlankLinesAndScoresTextWithItsWordList() throws IOException {
        // IRSTLM pads the counts and starts each section right after the last line of the one before.
        String irstlm = KENLM_STYLE.replace("ngram 1=5", "ngram  1=     5").replace("-0.7\t</s>\n\n", "-0.7\t</s>\n").replace("</s>\n\n\\end", "</s>\n\\end");
        assertTrue(!irstlm.contains("\n\n\\2-grams") && !irstlm.contains("\n\n\\end"), irstlm);
        Arpa.Loaded loaded = Arpa.read(Files.writeString(dir.resolve("irstlm.arpa"), irstlm));
        assertEquals(-0.3, loaded.model().log10(new int[] {1}, 2), 1e-6);
        var words = loaded.tokenizer();
        assertArrayEquals(new int[] {1, 2, 0}, words.encode(" the  cat\tdog "), "an unknown word is <unk>");
        assertEquals(-0.1 - 0.3 - 0.2, loaded.model().log10Segment(words.encode("the cat")), 1e-6);
        Arpa.Loaded noUnk = Arpa.read(Files.writeString(dir.resolve("nounk.arpa"), KENLM_STYLE.replace("ngram 1=5", "ngram 1=4").replace("-1.0\t<unk>\t0\n", "")));
        assertThrows(IllegalArgumentException.class, () -> noUnk.tokenizer().encode("the dog"));
    }

    @Test
    void refusesBrokenOrLyingFiles() throws IOException {
        String ok = KENLM_STYLE;
        List<String> broken = List.of(
                ok.replace("\\data\\", "\\dada\\"),
                ok.replace("ngram 2=3", "ngram 2=4"),
                ok.replace("ngram 2=3", "ngram 2=2"),
                ok.replace("ngram 2=3", "ngram 2=100000"),
                ok.replace("the cat", "the dog"),
                ok.replace("-0.2\tcat </s>", "-0.2\tthe cat"),
                ok.replace("ngram 2=3", "ngram 2=3\nngram 3=1").replace("\\end\\", "\\3-grams:\n-0.1\tcat the cat\n\n\\end\\"),
                ok.replace("-0.8\tcat", "NaN\tcat"),
                ok.replace("-0.8\tcat", "0.5\tcat"),
                ok.replace("-0.3\tthe cat", "-0.3\tthe cat -0.1"),
                ok.replace("\\end\\", ""),
                ok.replace("\\2-grams:", "\\3-grams:"),
                ok.replace("ngram 1=5", "ngram 1=five"));
        int i = 0;
        for (String text : broken) {
            Path p = Files.writeString(dir.resolve("broken" + i++ + ".arpa"), text);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arpa.read(p), text);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
