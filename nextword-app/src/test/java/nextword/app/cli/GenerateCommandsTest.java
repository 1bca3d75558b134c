package nextword.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import nextword.app.Main;
import nextword.app.cli.TrainCommandTest.Run;
import nextword.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** generate, score, quantize, chat and bench generate, run in-process on shared/reference/gpt2-tiny. */
class GenerateCommandsTest {

    private static Path model;
    private static JsonNode expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void find() throws IOException {
        model = SharedData.require("reference/gpt2-tiny");
        expected = new ObjectMapper().readTree(model.resolve("expected.json").toFile());
    }

    private static Run run(String... args) {
        return TrainCommandTest.run(args);
    }

    @Test
    void generateStreamsTheGreedyContinuation() {
        String prompt = expected.get("prompt_text").asText();
        Run r = run("generate", "--model", model.toString(), "--prompt", prompt, "--temperature", "0", "--max-tokens", "20", "--ignore-eos");
        assertEquals(0, r.code(), r.err());
        assertEquals(prompt + expected.get("greedy_text").asText() + System.lineSeparator(), r.out());
        assertTrue(r.err().contains("generated 20 tokens at") && r.err().contains("tok/s") && r.err().contains("finish: length"), r.err());
    }

    @Test
    void generateJsonHasTokensLogprobsAndTheSeed() throws IOException {
        Run r = run("generate", "--model", model.toString(), "--prompt", "Hello", "--max-tokens", "5", "--seed", "11", "--top-k", "40",
                "--show-probs", "2", "--json", "--ignore-eos");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(5, o.get("tokens").size());
        assertEquals(11, o.get("seed").asLong());
        assertEquals("length", o.get("finish_reason").asText());
        assertEquals(2, o.get("tokens").get(0).get("top").size());
        assertTrue(o.get("tokens").get(0).get("logprob").asDouble() < 0);
        Run again = run("generate", "--model", model.toString(), "--prompt", "Hello", "--max-tokens", "5", "--seed", "11", "--top-k", "40",
                "--show-probs", "2", "--json", "--ignore-eos");
        assertEquals(o.get("text"), new ObjectMapper().readTree(again.out()).get("text"), "same seed, same text");
    }

    @Test
    void showProbsPrintsTheTableAtEveryStep() {
        Run r = run("generate", "--model", model.toString(), "--prompt", "The best thing", "--max-tokens", "3", "--temperature", "0",
                "--show-probs", "4", "--ignore-eos");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[1] …The best thing") && r.out().contains("[3] "), r.out());
        assertEquals(3, r.out().split("←", -1).length - 1, "one chosen token per step:\n" + r.out());
        assertTrue(r.out().lines().filter(l -> l.matches("\\s+\\d+\\.\\d\\d%  '.*'.*")).count() >= 12, r.out());
    }

    @Test
    void scoreReportsPerTokenLogprobsAndTotals() throws IOException {
        Run r = run("score", "--model", model.toString(), "--text", "The best thing about AI", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(5, o.get("tokens").asInt());
        assertTrue(o.get("first_token_scored").asBoolean(), "GPT-2's tokenizer has <|endoftext|> to start from");
        assertEquals(5, o.get("per_token").size());
        double loss = 0;
        for (JsonNode t : o.get("per_token")) loss -= t.get("logprob").asDouble();
        assertEquals(loss / 5, o.get("loss").asDouble(), 1e-5);
        assertEquals(Math.exp(loss / 5), o.get("perplexity").asDouble(), 1e-3 * o.get("perplexity").asDouble());
        assertEquals(loss / Math.log(2) / 23, o.get("bits_per_byte").asDouble(), 1e-5);
        Run text = run("score", "--model", model.toString(), "--text", "The best thing about AI");
        assertTrue(text.out().contains("' best'") && text.out().contains("perplexity") && text.out().contains("bits per byte"), text.out());
    }

    @Test
    void quantizeWritesAnEightBitModelThatGenerates() throws IOException {
        Path out = tmp.resolve("q8");
        Path eval = tmp.resolve("eval.txt");
        Files.writeString(eval, "The quick brown fox jumps over the lazy dog. ".repeat(20));
        Run r = run("quantize", "--model", model.toString(), "--out", out.toString(), "--eval", eval.toString(), "--eval-tokens", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("perplexity float32") && r.out().contains("top-1 agreement"), r.out());
        for (String f : new String[] {"model.safetensors", "config.json", "vocab.json", "merges.txt"}) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        Run g = run("generate", "--model", out.toString(), "--prompt", "Hello", "--max-tokens", "4", "--seed", "1", "--ignore-eos");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.err().contains("8-bit"), g.err());
    }

    @Test
    void chatAnswersEachLineAndKeepsGoing() {
        CommandLine cl = new CommandLine(new Main());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ChatCommand chat = cl.getSubcommands().get("chat").getCommand();
        chat.input = new BufferedReader(new StringReader("Hello there\n\n/reset\nHow are you?\n/quit\nnever read\n"));
        int code = cl.execute("chat", "--model", model.toString(), "--max-tokens", "5", "--seed", "3", "--ignore-eos");
        assertEquals(0, code, err.toString());
        assertEquals(5, out.toString().split("> ", -1).length - 1, "a prompt per line read until /quit:\n" + out);
        assertTrue(err.toString().contains("conversation forgotten"), err.toString());
        assertEquals(2, err.toString().split("tok/s", -1).length - 1, err.toString());
    }

    @Test
    void badInputGetsOneLineAndAnExitCode() throws IOException {
        Run missing = run("generate", "--prompt", "x");
        assertEquals(Main.BAD_USAGE, missing.code());
        Run nowhere = run("generate", "--model", tmp.resolve("nope").toString());
        assertEquals(Main.FAILED, nowhere.code());
        assertTrue(nowhere.err().contains("not a model directory"), nowhere.err());
        Run cold = run("generate", "--model", model.toString(), "--temperature", "-1");
        assertEquals(Main.BAD_USAGE, cold.code());
        assertTrue(cold.err().contains("temperature"), cold.err());
        Path pickle = tmp.resolve("pickle");
        Files.createDirectories(pickle);
        Files.copy(model.resolve("config.json"), pickle.resolve("config.json"));
        Files.write(pickle.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        Run p = run("score", "--model", pickle.toString(), "--text", "hi");
        assertEquals(Main.FAILED, p.code());
        assertTrue(p.err().contains("pickle") && p.err().lines().count() == 1, p.err());
    }

    @Test
    void benchGenerateEndsWithJson() throws IOException {
        Run r = run("bench", "generate", "--preset", "tiny", "--prompt", "4", "--gen", "4", "--runs", "1", "--long-prompt", "8",
                "--bandwidth-mb", "8", "--profile", "--json");
        assertEquals(0, r.code(), r.err());
        // the profile: a line per stage, the products with the bytes they read
        assertTrue(r.out().contains("where a token's time goes (4 tokens)"), r.out());
        for (String stage : new String[] {"query, key, value product", "attention over the cache", "logits product (vocabulary)"}) {
            assertTrue(r.out().contains(stage), stage + " in " + r.out());
        }
        String[] lines = r.out().strip().split("\n");
        JsonNode o = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(o.get("prompt_tokens_per_second").asDouble() > 0 && o.get("decode_tokens_per_second").asDouble() > 0, o.toString());
        assertTrue(o.get("bandwidth_gb_per_second").asDouble() > 0 && o.get("weight_bytes_per_token").asLong() > 0, o.toString());
        Run q = run("bench", "generate", "--preset", "tiny", "--int8", "--prompt", "4", "--gen", "4", "--runs", "1", "--long-prompt", "0",
                "--bandwidth-mb", "0", "--json");
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("\"precision\":\"q8_0\""), q.out());
    }
}
