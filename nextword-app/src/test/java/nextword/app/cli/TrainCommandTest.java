package nextword.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import nextword.app.Main;
import nextword.io.GptDirectory;
import nextword.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println("nextword: " + e.getMessage());
            return e instanceof IllegalArgumentException ? Main.BAD_USAGE : Main.FAILED;
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        Path f = dir.resolve("corpus.txt");
        Files.writeString(f, "the cat sat on the mat. the dog sat on the log.\n".repeat(200));
        return f;
    }

    @Test
    void trainsResumesAndRefusesToOverwrite() throws IOException {
        Path out = dir.resolve("model");
        String[] common = {"train", "--corpus", corpus().toString(), "--preset", "tiny", "--batch", "2", "--seq", "16",
                "--eval-every", "2", "--eval-batches", "1", "--sample-every", "2", "--sample-tokens", "5", "--out", out.toString()};
        Run r = run(concat(common, "--steps", "4", "--checkpoint-every", "2"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trained 4 steps"), r.out());
        assertTrue(r.err().contains("validation loss") && r.err().contains("sample:"), r.err());
        for (String f : new String[] {"config.json", "model.safetensors", "nextword-tokenizer.json", "log.jsonl", "loss.png", Checkpoint.FILE}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(15, GptDirectory.load(out).config.vocabSize()); // the corpus's distinct characters

        Run again = run(concat(common, "--steps", "4"));
        assertEquals(Main.BAD_USAGE, again.code());
        assertTrue(again.err().contains("--resume"), again.err());

        Run resumed = run("train", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("trained 4 steps"), resumed.out()); // it had finished: nothing more to do
    }

    @Test
    void trainsOnDataThatPrepareMade() throws IOException {
        Path data = dir.resolve("data");
        Path out = dir.resolve("model");
        assertEquals(0, run("prepare", "--corpus", corpus().toString(), "--tokenizer", "char", "--out", data.toString()).code());
        Run r = run("train", "--data", data.toString(), "--preset", "tiny", "--batch", "2", "--seq", "8", "--steps", "2",
                "--eval-batches", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("nextword-tokenizer.json")), "the model folder gets the tokenizer");
        assertEquals(0, run("train", "--data", data.toString(), "--out", out.toString(), "--resume").code());
    }

    @Test
    void badOptionsAreOneLineErrors() throws IOException {
        Run noLength = run("train", "--corpus", corpus().toString(), "--out", dir.resolve("m").toString());
        assertEquals(Main.BAD_USAGE, noLength.code());
        assertTrue(noLength.err().contains("--steps N or --minutes M"), noLength.err());
        Run both = run("train", "--corpus", corpus().toString(), "--out", dir.resolve("m").toString(), "--steps", "3", "--minutes", "1");
        assertEquals(Main.BAD_USAGE, both.code());
        Run preset = run("train", "--corpus", corpus().toString(), "--out", dir.resolve("m").toString(), "--steps", "3", "--preset", "huge");
        assertEquals(Main.BAD_USAGE, preset.code());
        assertTrue(preset.err().contains("unknown preset"), preset.err());
        Run nothing = run("train", "--out", dir.resolve("none").toString(), "--resume");
        assertEquals(Main.FAILED, nothing.code());
    }

    @Test
    void benchTrainEndsWithJson() throws IOException {
        Run r = run("bench", "train", "--preset", "tiny", "--vocab", "50", "--batch", "2", "--seq", "8", "--steps", "2", "--warmup", "1", "--profile", "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(json.get("ms_per_step").asDouble() > 0);
        assertTrue(json.get("tokens_per_second").asDouble() > 0);
        // a model this small trains in two data-parallel shards: each runs 1 of the 2 sequences (8 rows)
        assertEquals(2, json.get("shards").asInt());
        assertTrue(r.out().contains("in kernels per step") && r.out().contains("matmulTransB m=8 k=32 n=50"), r.out());
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
