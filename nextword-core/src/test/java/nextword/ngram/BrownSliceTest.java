package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import nextword.data.Corpus;
import nextword.testing.SharedData;
import nextword.tokenize.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same checks as the hand-made texts, on a slice of real text: the first 1,000 Brown sentences. */
class BrownSliceTest {

    @TempDir
    Path dir;

    @Test
    void kneserNeyOnRealSentences() throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(SharedData.require("data/brown.txt.gz"))), StandardCharsets.UTF_8))) {
            for (String line; lines.size() < 1100 && (line = r.readLine()) != null; ) lines.add(line.toLowerCase(Locale.ROOT));
        }
        List<String> train = lines.subList(0, 1000);
        WordTokenizer words = WordTokenizer.build(Corpus.of("slice", String.join("\n", train)), 3000);
        List<int[]> segments = NgramText.encode(words, train);
        int v = words.vocabSize();
        NgramCounts counts = Corpora.count(3, v, segments);
        ReferenceKneserNey reference = new ReferenceKneserNey(3, v, segments);
        List<KneserNey.Discounts> d = KneserNey.discounts(counts);
        for (int n = 1; n <= 3; n++) {
            KneserNey.Discounts k = d.get(n - 1);
            // Real text has every count of counts: the estimates themselves are used, no fallback.
            assertTrue(0 < k.d1() && k.d1() < 1 && 1 < k.d2() && k.d2() < 2 && 1 < k.d3() && k.d3() < 3, "order " + n + ": " + k);
            assertEquals(reference.discount(n, 2), k.d2(), 1e-12);
        }
        NgramModel model = new KneserNey().fit(counts);
        Path arpa = dir.resolve("brown.arpa");
        Arpa.write(model, Arpa.words(words), arpa);
        NgramModel back = Arpa.read(arpa, Arpa.words(words));
        SplittableRandom rng = new SplittableRandom(8);
        List<int[]> heldout = NgramText.encode(words, lines.subList(1000, 1100));
        for (int t = 0; t < 8; t++) {
            int[] s = heldout.get(rng.nextInt(heldout.size()));
            int at = rng.nextInt(s.length + 1);
            int[] history = new int[at + 1];
            history[0] = model.bos();
            System.arraycopy(s, 0, history, 1, at);
            double[] p = model.distribution(history);
            assertEquals(1, Arrays.stream(p).sum(), 1e-5, Arrays.toString(history));
            for (int w : new int[] {at < s.length ? s[at] : model.eos(), rng.nextInt(v + 1), 0}) {
                double expected = reference.probability(history, w);
                assertEquals(expected, p[w], 1e-5 * expected);
                assertEquals(Math.log10(expected), back.log10(history, w), 1e-5);
            }
        }
        Evaluation e = back.evaluate(heldout, NgramText.characters(lines.subList(1000, 1100)));
        assertTrue(e.perplexity() > 50 && e.perplexity() < 2000, "held-out perplexity " + e.perplexity());
    }
}
