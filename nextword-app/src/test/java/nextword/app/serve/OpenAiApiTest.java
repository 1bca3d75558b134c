package nextword.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import nextword.infer.Generation;
import nextword.infer.Generator;
import nextword.infer.SamplingOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible routes over HTTP: shapes, values, streaming, and every refusal. */
class OpenAiApiTest {

    private static TestServer s;

    @BeforeAll
    static void start() throws IOException {
        s = TestServer.tiny();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void listsTheModel() throws Exception {
        JsonNode models = s.get("/v1/models").json();
        assertEquals("list", models.get("object").asText());
        assertEquals("tiny", models.get("data").get(0).get("id").asText());
        assertEquals("model", models.get("data").get(0).get("object").asText());
        assertEquals(200, s.get("/v1/models/tiny").status());
        assertEquals("model_not_found", s.get("/v1/models/gpt-4").json().get("error").get("code").asText());
    }

    @Test
    void greedyCompletionIsTheEnginesAndCountsItsTokens() throws Exception {
        TestServer.Reply r = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "Once upon a time", "max_tokens": 12, "temperature": 0}""");
        assertEquals(200, r.status());
        JsonNode c = r.json();
        assertEquals("text_completion", c.get("object").asText());
        assertTrue(c.get("id").asText().startsWith("cmpl-"));
        assertTrue(c.get("created").asLong() > 1_600_000_000L);
        assertEquals("tiny", c.get("model").asText());
        JsonNode choice = c.get("choices").get(0);
        Generation want = Generator.generate(s.model.newSession(), "Once upon a time", SamplingOptions.greedy().withMaxTokens(12), null);
        assertEquals(want.text(), choice.get("text").asText());
        assertEquals("length", choice.get("finish_reason").asText());
        assertEquals(16, c.get("usage").get("prompt_tokens").asInt());
        assertEquals(12, c.get("usage").get("completion_tokens").asInt());
        assertEquals(28, c.get("usage").get("total_tokens").asInt());
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedAnother() throws Exception {
        String body = """
                {"model": "tiny", "prompt": "abc", "max_tokens": 24, "seed": %d, "temperature": 1.5}""";
        String a = s.post("/v1/completions", body.formatted(7)).json().get("choices").get(0).get("text").asText();
        String b = s.post("/v1/completions", body.formatted(7)).json().get("choices").get(0).get("text").asText();
        String c = s.post("/v1/completions", body.formatted(8)).json().get("choices").get(0).get("text").asText();
        assertEquals(a, b);
        assertFalse(a.equals(c), "24 tokens at temperature 1.5 from two seeds should differ");
    }

    @Test
    void aStopStringEndsTheTextBeforeIt() throws Exception {
        String free = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "xyz", "max_tokens": 30, "seed": 3}""").json().get("choices").get(0).get("text").asText();
        String stop = free.substring(5, 7);
        JsonNode choice = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "xyz", "max_tokens": 30, "seed": 3, "stop": [%s]}""".formatted(TestServer.JSON.writeValueAsString(stop)))
                .json().get("choices").get(0);
        assertEquals("stop", choice.get("finish_reason").asText());
        assertEquals(free.substring(0, free.indexOf(stop)), choice.get("text").asText());
    }

    @Test
    void chatUsesTheTranscriptTemplate() throws Exception {
        TestServer.Reply r = s.post("/v1/chat/completions", """
                {"model": "tiny", "temperature": 0, "max_tokens": 10, "messages": [
                  {"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi!"}]}""");
        assertEquals(200, r.status(), r.body());
        JsonNode c = r.json();
        assertEquals("chat.completion", c.get("object").asText());
        JsonNode choice = c.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asText());
        String transcript = "System: Be brief.\nUser: Hi!\nAssistant:";
        Generation want = Generator.generate(s.model.newSession(), transcript,
                SamplingOptions.greedy().withMaxTokens(10).withStop(ChatTemplate.TURN_ENDS), null);
        assertEquals(want.text().stripLeading(), choice.get("message").get("content").asText());
        assertEquals(transcript.length(), c.get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void chatStreamIsRoleThenContentThenFinishThenUsageThenDone() throws Exception {
        String body = """
                {"model": "tiny", "seed": 5, "max_tokens": 20, %s "messages": [{"role": "user", "content": "Tell me a story."}]}""";
        String whole = s.post("/v1/chat/completions", body.formatted("")).json().get("choices").get(0).get("message").get("content").asText();
        TestServer.Reply r = s.post("/v1/chat/completions", body.formatted("\"stream\": true, \"stream_options\": {\"include_usage\": true},"));
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/event-stream"), r.contentType());
        List<String> events = r.events();
        assertEquals("[DONE]", events.getLast());
        JsonNode first = TestServer.JSON.readTree(events.getFirst());
        assertEquals("chat.completion.chunk", first.get("object").asText());
        assertEquals("assistant", first.get("choices").get(0).get("delta").get("role").asText());
        StringBuilder content = new StringBuilder();
        String finish = null;
        for (String e : events.subList(1, events.size() - 2)) {
            JsonNode choice = TestServer.JSON.readTree(e).get("choices").get(0);
            assertEquals(null, finish, "nothing after the finish reason but usage");
            if (choice.get("delta").has("content")) content.append(choice.get("delta").get("content").asText());
            if (!choice.get("finish_reason").isNull()) finish = choice.get("finish_reason").asText();
        }
        assertEquals("length", finish);
        assertEquals(whole, content.toString(), "streamed pieces add up to the whole reply");
        JsonNode usage = TestServer.JSON.readTree(events.get(events.size() - 2));
        assertEquals(0, usage.get("choices").size());
        assertEquals(20, usage.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void completionStreamEndsWithFinishAndDone() throws Exception {
        List<String> events = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "The", "max_tokens": 6, "stream": true, "seed": 1}""").events();
        assertEquals("[DONE]", events.getLast());
        JsonNode last = TestServer.JSON.readTree(events.get(events.size() - 2));
        assertEquals("text_completion", last.get("object").asText());
        assertEquals("length", last.get("choices").get(0).get("finish_reason").asText());
    }

    @Test
    void logprobsAreTheModelsAndTheirAlternativesAreRanked() throws Exception {
        JsonNode chat = s.post("/v1/chat/completions", """
                {"model": "tiny", "temperature": 0, "max_tokens": 4, "logprobs": true, "top_logprobs": 3,
                 "messages": [{"role": "user", "content": "Hello"}]}""").json();
        JsonNode content = chat.get("choices").get(0).get("logprobs").get("content");
        assertEquals(4, content.size());
        for (JsonNode t : content) {
            JsonNode top = t.get("top_logprobs");
            assertEquals(3, top.size());
            assertEquals(top.get(0).get("token").asText(), t.get("token").asText(), "greedy picks the likeliest");
            assertEquals(top.get(0).get("logprob").asDouble(), t.get("logprob").asDouble(), 1e-9);
            assertTrue(top.get(0).get("logprob").asDouble() >= top.get(1).get("logprob").asDouble());
            assertTrue(t.get("logprob").asDouble() <= 0);
            assertTrue(t.get("bytes").isArray());
        }
        JsonNode text = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "Hello", "temperature": 0, "max_tokens": 3, "logprobs": 2}""").json()
                .get("choices").get(0).get("logprobs");
        assertEquals(3, text.get("tokens").size());
        assertEquals(3, text.get("token_logprobs").size());
        assertEquals(2, text.get("top_logprobs").get(0).size());
        assertEquals(0, text.get("text_offset").get(0).asInt());
    }

    @Test
    void badRequestsGetOpenAiErrors() throws Exception {
        expectError(400, "n", s.post("/v1/chat/completions", """
                {"model": "tiny", "n": 2, "messages": [{"role": "user", "content": "hi"}]}"""));
        expectError(404, "model", s.post("/v1/completions", """
                {"model": "gpt-4", "prompt": "hi"}"""));
        expectError(400, "temperature", s.post("/v1/completions", """
                {"model": "tiny", "prompt": "hi", "temperature": 3}"""));
        expectError(400, "top_p", s.post("/v1/completions", """
                {"model": "tiny", "prompt": "hi", "top_p": 0}"""));
        expectError(400, "max_tokens", s.post("/v1/completions", """
                {"model": "tiny", "prompt": "hi", "max_tokens": -1}"""));
        expectError(400, "stop", s.post("/v1/completions", """
                {"model": "tiny", "prompt": "hi", "stop": ["a", "b", "c", "d", "e"]}"""));
        expectError(400, "messages", s.post("/v1/chat/completions", """
                {"model": "tiny", "messages": []}"""));
        expectError(400, "model", s.post("/v1/completions", """
                {"prompt": "hi"}"""));
        expectError(400, null, s.post("/v1/completions", "{not json"));
        expectError(400, null, s.post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"\u00e9\"}")); // not in the alphabet
        expectError(404, null, s.get("/v1/engines"));
    }

    @Test
    void promptsBeyondTheContextAndOversizedBodiesAreRefusedBeforeAnyWork() throws Exception {
        long before = s.server.metrics().generatedCount();
        TestServer.Reply longPrompt = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "%s"}""".formatted("a".repeat(300)));
        expectError(400, "prompt", longPrompt);
        assertEquals("context_length_exceeded", longPrompt.json().get("error").get("code").asText());
        TestServer.Reply budget = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "%s", "max_tokens": 100}""".formatted("a".repeat(200)));
        expectError(400, "max_tokens", budget);
        TestServer.Reply huge = s.post("/v1/completions", """
                {"model": "tiny", "prompt": "%s"}""".formatted("a".repeat(2 << 20)));
        assertEquals(413, huge.status());
        assertEquals("request_too_large", huge.json().get("error").get("code").asText());
        assertEquals(before, s.server.metrics().generatedCount(), "no tokens were generated for refused requests");
    }

    @Test
    void healthAndMetrics() throws Exception {
        s.post("/v1/completions", """
                {"model": "tiny", "prompt": "hi", "max_tokens": 2}""");
        JsonNode health = s.get("/health").json();
        assertEquals("ok", health.get("status").asText());
        assertEquals(2, health.get("workers").asInt());
        String metrics = s.get("/metrics").body();
        assertTrue(metrics.contains("nextword_requests_total{route=\"/v1/completions\",status=\"200\"}"), metrics);
        for (String name : List.of("nextword_generated_tokens_total", "nextword_tokens_per_second", "nextword_queue_depth",
                "nextword_request_duration_seconds_bucket{le=\"+Inf\"}", "nextword_time_to_first_token_seconds_count")) {
            assertTrue(metrics.contains(name), name + " missing from\n" + metrics);
        }
    }

    @Test
    void anApiKeyIsRequiredWhenSet() throws Exception {
        try (TestServer keyed = new TestServer(TestServer.model(64, 16, 1), ServeOptions.local("tiny").withApiKey("sesame"))) {
            expectError(401, null, keyed.get("/v1/models"));
            expectError(401, null, keyed.post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"a\"}", "wrong"));
            assertEquals(200, keyed.post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"a\", \"max_tokens\": 1}", "sesame").status());
            assertEquals(200, keyed.get("/health").status(), "only /v1 is guarded");
        }
    }

    static void expectError(int status, String param, TestServer.Reply r) throws IOException {
        assertEquals(status, r.status(), r.body());
        JsonNode e = r.json().get("error");
        assertTrue(e != null && e.get("message").isTextual() && !e.get("message").asText().isEmpty(), r.body());
        assertTrue(e.has("type") && e.has("param") && e.has("code"), r.body());
        if (param != null) assertEquals(param, e.get("param").asText(), r.body());
    }
}
