package nextword.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import nextword.data.TokenFile;
import nextword.testing.SharedData;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenize, tokenizer train and prepare, run in process as a user would type them. */
class TokenizerCommandsTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String gpt2() {
        return SharedData.require("data/gpt2").toString();
    }

    @Test
    void tokenizeShowsIdsPiecesAndCounts() throws Exception {
        CliRun r = run("tokenize", "--tokenizer", gpt2(), "--text", "Hello world", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[15496,995]", j.get("ids").toString());
        assertEquals("[\"Hello\",\" world\"]", j.get("pieces").toString());
        assertEquals(2, j.get("tokens").asInt());
        assertEquals(11, j.get("characters").asInt());
        assertEquals(50257, j.get("vocab_size").asInt());
        CliRun plain = run("tokenize", "--tokenizer", "char", "--text", "abba");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("ids        0 1 1 0") && plain.out().contains("\"a\" \"b\" \"b\" \"a\""), plain.out());
        Path f = Files.writeString(dir.resolve("in.txt"), "the cat\n");
        CliRun file = run("tokenize", "--tokenizer", gpt2(), "--file", f.toString());
        assertTrue(file.out().contains("\"the\" \" cat\" \"\\n\""), file.out());
    }

    @Test
    void badInputIsOneLineAndNonZero() {
        for (String[] args : new String[][] {
                {"tokenize", "--tokenizer", "bogus", "--text", "x"},
                {"tokenize", "--text", "x", "--file", "y"},
                {"tokenize", "--tokenizer", gpt2(), "--file", "/no/such/file"},
                {"prepare", "--corpus", "/no/such/corpus", "--tokenizer", "char", "--out", "/tmp/x"},
                {"tokenizer", "train", "--corpus", "/no/such/corpus", "--vocab-size", "300", "--out", "/tmp/x"},
                {"tokenizer", "train", "--vocab-size", "100", "--out", "/tmp/x"}}) {
            CliRun r = run(args);
            assertTrue(r.code() == Main.BAD_USAGE || r.code() == Main.FAILED, String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("nextword: "), r.err());
        }
        assertTrue(run("prepare", "--corpus", "/no/such/corpus", "--out", "/tmp/x").err().contains("/no/such/corpus"));
    }

    @Test
    void trainThenPrepareThenReadWindows() throws Exception {
        Path tok = dir.resolve("tok");
        CliRun t = run("tokenizer", "train", "--corpus", SharedData.require("data/tinyshakespeare.txt").toString(), "--vocab-size", "512", "--out", tok.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.isRegularFile(tok.resolve("vocab.json")) && Files.isRegularFile(tok.resolve("merges.txt")) && Files.isRegularFile(tok.resolve("tokenizer.json")));
        Path data = dir.resolve("data");
        CliRun p = run("prepare", "--corpus", SharedData.require("data/tinyshakespeare.txt").toString(), "--tokenizer", tok.toString(), "--out", data.toString());
        assertEquals(0, p.code(), p.err());
        Tokenizer saved = Tokenizers.load(data.toString());
        try (TokenFile f = TokenFile.open(data.resolve(TokenFile.NAME))) {
            f.requireTokenizer(saved);
            assertEquals(512, f.vocabSize());
            assertEquals(2, f.bytesPerToken());
            long total = f.train().size() + f.validation().size();
            assertEquals(saved.encode(Files.readString(SharedData.require("data/tinyshakespeare.txt"))).length, total);
            int[] x = new int[2 * 8], y = new int[2 * 8];
            f.train().randomBatch(2, 8, new SplittableRandom(5), x, y);
            assertEquals(x[1], y[0]);
        }
        JsonNode info = new ObjectMapper().readTree(data.resolve("prepare.json").toFile());
        assertEquals(info.get("tokens").asLong(), info.get("train_tokens").asLong() + info.get("validation_tokens").asLong());
    }

    @Test
    void prepareAFolderSeparatesDocumentsWithEndOfText() throws Exception {
        Path corpus = dir.resolve("docs");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("a.txt"), "First document.");
        Files.writeString(corpus.resolve("b.txt"), "Second document.");
        Files.write(corpus.resolve("c.txt"), new byte[] {'b', 'a', 'd', ' ', (byte) 0xFF});
        Path data = dir.resolve("data");
        CliRun p = run("prepare", "--corpus", corpus.toString(), "--tokenizer", gpt2(), "--out", data.toString(), "--validation", "0");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("1 malformed UTF-8 sequence replaced"), p.err());
        Tokenizer gpt2 = Tokenizers.load(data.toString());
        try (TokenFile f = TokenFile.open(data.resolve(TokenFile.NAME))) {
            int[] ids = new int[(int) f.train().size()];
            f.train().read(0, ids, 0, ids.length);
            assertEquals("First document.<|endoftext|>Second document.<|endoftext|>bad \uFFFD<|endoftext|>", gpt2.decode(ids));
            assertEquals(3, java.util.stream.IntStream.of(ids).filter(i -> i == 50256).count());
            assertArrayEquals(gpt2.encode("First document."), java.util.Arrays.copyOf(ids, 3));
        }
        assertFalse(Files.list(data).anyMatch(x -> x.getFileName().toString().endsWith(".tmp")));
    }
}
