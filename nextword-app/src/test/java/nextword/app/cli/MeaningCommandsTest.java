package nextword.app.cli;

import static nextword.app.cli.TrainCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import nextword.app.Main;
import nextword.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embed and inspect commands end to end: files written, errors as one line with the right exit code. */
class MeaningCommandsTest {

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        String[] animals = {"dog", "cat", "horse", "cow"}, plants = {"oak", "pine", "rose", "grass"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            boolean animal = r.nextBoolean();
            String w = (animal ? animals : plants)[r.nextInt(4)];
            s.append(animal ? "the hungry " + w + " runs and eats\n" : "the green " + w + " grows in soil\n");
        }
        Path f = dir.resolve("corpus.txt");
        Files.writeString(f, s);
        return f;
    }

    private static void assertFiles(Path dir, String... names) throws IOException {
        for (String n : names) assertTrue(Files.size(dir.resolve(n)) > 100, n);
    }

    @Test
    void embedTrainsAndAnswers() throws IOException {
        Path vec = dir.resolve("v.vec");
        var r = run("embed", "train", "--corpus", corpus().toString(), "--dim", "16", "--epochs", "3", "--min-count", "1", "--out", vec.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertFiles(dir, "v.vec", "v-loss.png", "v.json");
        r = run("embed", "near", "--vectors", vec.toString(), "-k", "3", "dog", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dog:"), r.out());
        assertFiles(dir, "near-dog.png", "near.json");
        r = run("embed", "analogy", "--vectors", vec.toString(), "dog", "cat", "oak", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"dog : cat :: oak : ?\""), r.out());
        r = run("embed", "plot", "--vectors", vec.toString(), "--words", "dog,cat,horse,cow,oak,pine,rose,grass,zebra", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("left out: zebra"), r.out());
        assertFiles(dir, "words-pca.png", "words-tsne.png", "words-pca.json", "words-tsne.json");
    }

    @Test
    void embedErrorsAreOneLineWithTheRightExitCode() throws IOException {
        Path vec = dir.resolve("v.vec");
        Files.writeString(vec, "2 2\na 1 0\nb 0 1\n");
        var r = run("embed", "near", "--vectors", vec.toString(), "zebra");
        assertEquals(Main.BAD_USAGE, r.code());
        assertTrue(r.err().contains("'zebra' is not among the 2 words"), r.err());
        assertEquals(Main.BAD_USAGE, run("embed", "analogy", "--vectors", vec.toString(), "a", "b", "a", "b").code());
        assertEquals(Main.BAD_USAGE, run("embed", "plot", "--vectors", vec.toString(), "--method", "umap").code());
        Files.writeString(vec, "hello\n");
        r = run("embed", "near", "--vectors", vec.toString(), "a");
        assertEquals(Main.FAILED, r.code());
        assertTrue(r.err().contains("not a word2vec text file") && r.err().lines().count() == 1, r.err());
    }

    @Test
    void inspectDrawsEveryLook() throws IOException {
        String model = SharedData.require("reference/gpt2-tiny").toString();
        String out = dir.toString();
        for (String[] look : new String[][] {{"embeddings"}, {"attention", "--block", "2"}, {"weights"}, {"lens"}, {"trajectory", "--tokens", "3"}}) {
            String[] args = new String[look.length + 6];
            args[0] = "inspect";
            System.arraycopy(look, 0, args, 1, look.length);
            System.arraycopy(new String[] {"--model", model, "--out", out, "--json"}, 0, args, look.length + 1, 5);
            var r = run(args);
            assertEquals(0, r.code(), String.join(" ", look) + ": " + r.err());
        }
        assertFiles(dir, "embeddings.png", "embeddings.json", "attention-block-2.png", "attention-first-heads.png", "attention.json",
                "weights-h.0.attn.c_proj.weight.png", "weights-histogram.png", "weights-histogram.json", "lens.png", "lens.json",
                "trajectory-2d.png", "trajectory-3d.png", "trajectory.json");
        var r = run("inspect", "attention", "--model", model, "--block", "3", "--out", out);
        assertEquals(Main.BAD_USAGE, r.code());
        assertTrue(r.err().contains("block 3 does not exist"), r.err());
        r = run("inspect", "lens", "--model", dir.resolve("nothing").toString());
        assertEquals(Main.FAILED, r.code());
        assertEquals(Main.BAD_USAGE, run("inspect", "weights", "--model", model, "--tensor", "h.9.mlp.c_fc.weight", "--out", out).code());
    }
}
