package nextword.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import nextword.infer.Generator;
import nextword.kernels.Kernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explorer's JSON: probabilities that are the model's, attention that is causal and normalized, a path per token. */
class ExplorerApiTest {

    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.tiny();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void servesThePageAndDescribesTheModel() throws Exception {
        TestServer.Reply page = s.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("explorer.js") && !page.body().contains("http://") && !page.body().contains("https://"), "no CDN");
        assertEquals(200, s.get("/explorer.js").status());
        JsonNode m = s.get("/api/model").json();
        assertEquals(2, m.get("layers").asInt());
        assertEquals(2, m.get("heads").asInt());
        assertEquals(TestServer.ALPHABET.length(), m.get("vocab_size").asInt());
    }

    @Test
    void nextTokenProbabilitiesAreTheSoftmaxAtTheTemperature() throws Exception {
        String text = "Hello wor";
        float[] logits = s.model.newSession().prefill(Generator.encode(s.model, text)).clone();
        for (double t : new double[] {1.0, 0.5, 2.0}) {
            float[] want = logits.clone();
            Kernels.ops().scale(want, 0, (float) (1 / t), want.length);
            Kernels.ops().softmax(want, 0, want.length);
            JsonNode r = s.post("/api/next", "{\"text\": \"%s\", \"temperature\": %s, \"top\": 10}".formatted(text, t)).json();
            JsonNode c = r.get("candidates");
            assertEquals(10, c.size());
            assertEquals(text.length(), r.get("tokens").size());
            for (int i = 0; i < c.size(); i++) {
                int id = c.get(i).get("id").asInt();
                assertEquals(want[id], c.get(i).get("probability").asDouble(), 1e-5, "p(" + id + ") at T=" + t);
                if (i > 0) assertTrue(c.get(i).get("probability").asDouble() <= c.get(i - 1).get("probability").asDouble());
            }
        }
        JsonNode greedy = s.post("/api/next", "{\"text\": \"%s\", \"temperature\": 0}".formatted(text)).json().get("candidates");
        assertEquals(1.0, greedy.get(0).get("probability").asDouble(), 0);
        assertEquals(0.0, greedy.get(1).get("probability").asDouble(), 0);
    }

    @Test
    void sampleIsSeededAndGreedyAtTemperatureZero() throws Exception {
        String body = "{\"text\": \"abc\", \"temperature\": 1.2, \"seed\": %d}";
        JsonNode a = s.post("/api/sample", body.formatted(4)).json();
        assertEquals(a.get("id"), s.post("/api/sample", body.formatted(4)).json().get("id"));
        JsonNode top = s.post("/api/next", "{\"text\": \"abc\", \"temperature\": 0}").json().get("candidates").get(0);
        assertEquals(top.get("id"), s.post("/api/sample", "{\"text\": \"abc\", \"temperature\": 0}").json().get("id"));
    }

    @Test
    void attentionRowsAreCausalDistributions() throws Exception {
        JsonNode r = s.post("/api/attention", "{\"text\": \"the cat sat\", \"layer\": 1, \"head\": 1}").json();
        JsonNode w = r.get("weights");
        assertEquals(11, w.size());
        for (int q = 0; q < w.size(); q++) {
            assertEquals(q + 1, w.get(q).size(), "row " + q + " covers positions 0…" + q);
            double sum = 0;
            for (JsonNode x : w.get(q)) sum += x.asDouble();
            assertEquals(1.0, sum, 1e-5);
        }
        OpenAiApiTest.expectError(400, "layer", s.post("/api/attention", "{\"text\": \"a\", \"layer\": 2, \"head\": 0}"));
    }

    @Test
    void meaningSpaceHasAPointPerTokenAndAPathStepPerPosition() throws Exception {
        JsonNode r = s.post("/api/meaning", "{\"text\": \"one two\"}").json();
        assertEquals(7, r.get("tokens").size());
        assertEquals(7, r.get("path").size());
        for (JsonNode t : r.get("tokens")) assertTrue(Math.abs(t.get("x").asDouble()) <= 1 && Math.abs(t.get("y").asDouble()) <= 1);
        JsonNode same = s.post("/api/meaning", "{\"text\": \"one two\"}").json();
        assertEquals(r, same, "deterministic");
    }

    @Test
    void refusesWhatItCannotShow() throws Exception {
        OpenAiApiTest.expectError(400, "text", s.post("/api/next", "{\"prompt\": \"x\"}"));
        OpenAiApiTest.expectError(400, "text", s.post("/api/next", "{\"text\": \"%s\"}".formatted("a".repeat(300))));
        OpenAiApiTest.expectError(400, "temperature", s.post("/api/next", "{\"text\": \"a\", \"temperature\": -1}"));
        OpenAiApiTest.expectError(400, null, s.post("/api/next", "{\"text\": \"\"}")); // no <|endoftext|> to start from
    }
}
