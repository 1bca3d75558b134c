package nextword.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import nextword.app.Main;
import nextword.ngram.NgramFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramCommandTest {

    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Sentences from a tiny grammar, one per line: enough repetition for counts, some variety for held-out text. */
    private static Path corpus() throws Exception {
        Path p = dir.resolve("cats.txt");
        if (Files.exists(p)) return p;
        String[] who = {"The cat", "A dog", "The old cat", "My neighbour's dog", "Quentin"};
        String[] did = {"sat on", "looked at", "ran past", "quietly watched"};
        String[] what = {"the mat", "a bird", "the queen", "the red car", "us"};
        SplittableRandom rng = new SplittableRandom(4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 250; i++) b.append(who[rng.nextInt(5)]).append(' ').append(did[rng.nextInt(4)]).append(' ').append(what[rng.nextInt(5)]).append(".\n");
        return Files.writeString(p, b);
    }

    @Test
    void trainWritesAnArpaModelThatEvalReadsBack() throws Exception {
        Path model = dir.resolve("words3");
        Run train = run("ngram", "train", "--corpus", corpus().toString(), "--unit", "word", "--order", "3", "--split", "train", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.readString(model.resolve(NgramFiles.ARPA)).startsWith("\\data\\\nngram 1="));
        JsonNode info = new ObjectMapper().readTree(model.resolve(NgramFiles.INFO).toFile());
        Run eval = run("ngram", "eval", "--model", model.toString(), "--corpus", corpus().toString(), "--split", "heldout", "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode e = new ObjectMapper().readTree(eval.out());
        double ppl = e.get("perplexity").asDouble();
        assertTrue(ppl > 1 && ppl < 30, "a 3-gram model of this little grammar is not perplexed: " + ppl);
        // Read back from the ARPA file, the model scores the held-out part exactly as it did in memory.
        assertEquals(info.at("/heldoutEvaluation/perplexity").asDouble(), ppl, 1e-6 * ppl);
        assertEquals(info.at("/heldoutEvaluation/bitsPerChar").asDouble(), e.get("bits_per_char").asDouble(), 1e-6);
        Run text = run("ngram", "eval", "--model", model.toString(), "--corpus", corpus().toString());
        assertTrue(text.out().contains("perplexity") && text.out().contains("bits per char"), text.out());
        // The ARPA file alone, as another tool's model, scores text already cut into its words the same.
        Path words = Files.writeString(dir.resolve("words.txt"), "the cat sat on the mat .\nquentin looked at a bird .\n");
        JsonNode folder = new ObjectMapper().readTree(run("ngram", "eval", "--model", model.toString(), "--corpus", words.toString(), "--json").out());
        Run arpa = run("ngram", "eval", "--model", model.resolve(NgramFiles.ARPA).toString(), "--corpus", words.toString(), "--json");
        assertEquals(0, arpa.code(), arpa.err());
        assertEquals(folder.get("perplexity").asDouble(), new ObjectMapper().readTree(arpa.out()).get("perplexity").asDouble(), 1e-9);
    }

    @Test
    void generateIsRepeatableForASeedAndStartsFromThePrompt() throws Exception {
        String[] args = {"ngram", "generate", "--corpus", corpus().toString(), "--unit", "word", "--order", "2", "--prompt", "The cat", "--length", "12", "--seed", "7"};
        Run a = run(args);
        Run b = run(args);
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().startsWith("the cat "), a.out());
        args[args.length - 1] = "8";
        Run c = run(args);
        assertNotEquals(a.out(), c.out());
        Run letters = run("ngram", "generate", "--corpus", corpus().toString(), "--unit", "letter", "--alphabet", "a-z", "--order", "1", "--length", "40", "--top-k", "3");
        assertTrue(letters.out().strip().matches("[a-z]{40}"), letters.out());
    }

    @Test
    void countReportsSizesSpeedAndBytes() throws Exception {
        Run r = run("ngram", "count", "--corpus", corpus().toString(), "--unit", "letter", "--order", "4", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(4, j.get("ngrams").size());
        assertTrue(j.get("tokensPerSecond").asDouble() > 0);
        assertTrue(j.get("countingBytesPerNgram").asDouble() > 12);
        assertEquals(10, j.get("top").size());
    }

    @Test
    void plotDrawsThreePictures() throws Exception {
        Path out = dir.resolve("plots");
        Run r = run("ngram", "plot", "--corpus", corpus().toString(), "--unit", "letter", "--max-order", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String png : new String[] {"letters.png", "letter-pairs.png", "perplexity.png"}) assertTrue(Files.size(out.resolve(png)) > 1000, png);
        assertTrue(r.out().contains("Kneser-Ney"), r.out());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Run unit = run("ngram", "count", "--corpus", corpus().toString(), "--unit", "syllable");
        assertEquals(Main.BAD_USAGE, unit.code());
        assertEquals(1, unit.err().strip().lines().count(), unit.err());
        assertTrue(unit.err().startsWith("nextword: unknown --unit"), unit.err());
        Run missing = run("ngram", "eval", "--model", dir.resolve("nothing").toString(), "--corpus", corpus().toString());
        assertEquals(Main.FAILED, missing.code());
        assertTrue(missing.err().startsWith("nextword: no such file"), missing.err());
        Run smoothing = run("ngram", "train", "--corpus", corpus().toString(), "--smoothing", "add-0", "--out", dir.resolve("x").toString());
        assertEquals(Main.BAD_USAGE, smoothing.code(), smoothing.err());
    }
}
