package nextword.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import nextword.infer.FinishReason;
import nextword.infer.Generation;
import nextword.infer.LanguageModel;
import nextword.infer.SamplingOptions;
import org.junit.jupiter.api.Test;

/** The scheduler's promises: a bounded queue (503 beyond), first come first served, and work cancelled when its client goes. */
class SchedulerTest {

    /** Generates until cancelled: far more tokens than the context, which the generator slides past. */
    private static final SamplingOptions ENDLESS = SamplingOptions.defaults().withMaxTokens(10_000_000).withSeed(1);

    @Test
    void aFullQueueRefusesAndCancelledJobsStopOrNeverStart() throws Exception {
        try (LanguageModel model = TestServer.model(64, 16, 1)) {
            Metrics metrics = new Metrics();
            try (Scheduler s = new Scheduler(model, 1, 1, true, metrics)) {
                int[] prompt = model.tokenizer().encode("hello");
                Job running = s.submit(prompt, ENDLESS, true);
                assertInstanceOf(Job.Token.class, running.next(), "the first job runs at once");
                Job waiting = s.submit(prompt, ENDLESS, true);
                assertEquals(1, s.queued());
                ApiError full = assertThrows(ApiError.class, () -> s.submit(prompt, ENDLESS, true));
                assertEquals(503, full.status);
                waiting.cancel();
                running.cancel();
                Generation stopped = running.await();
                assertEquals(FinishReason.CANCELLED, stopped.finish());
                Generation skipped = waiting.await();
                assertEquals(FinishReason.CANCELLED, skipped.finish());
                assertEquals(0, skipped.tokens().size(), "a job cancelled while queued never runs");
                Job next = s.submit(prompt, SamplingOptions.greedy().withMaxTokens(3), false);
                assertEquals(3, next.await().tokens().size(), "the worker is free again");
            }
        }
    }

    @Test
    void batchedWorkersGiveEveryRequestTheTextItGetsAlone() throws Exception {
        try (LanguageModel model = TestServer.model(128, 32, 2)) {
            Metrics metrics = new Metrics();
            try (Scheduler s = new Scheduler(model, 4, 8, true, metrics)) {
                Job[] jobs = new Job[6];
                SamplingOptions[] options = new SamplingOptions[jobs.length];
                for (int i = 0; i < jobs.length; i++) {
                    options[i] = SamplingOptions.defaults().withSeed(i).withMaxTokens(40 + 5 * i);
                    jobs[i] = s.submit(model.tokenizer().encode("Request number " + i), options[i], false);
                }
                for (int i = 0; i < jobs.length; i++) {
                    Generation alone = nextword.infer.Generator.generate(model.newSession(), model.tokenizer().encode("Request number " + i), options[i], null);
                    assertEquals(alone.text(), jobs[i].await().text(), "request " + i);
                }
                long[] counts = s.batchCounts();
                assertTrue(counts[1] > counts[0], "steps were shared: " + counts[0] + " steps for " + counts[1] + " tokens");
            }
        }
    }

    @Test
    void aClientThatHangsUpCancelsItsGeneration() throws Exception {
        // 2000 tokens take a few hundred milliseconds at least: the hang-up must stop them long before the end
        try (TestServer s = new TestServer(TestServer.model(2048, 128, 2), ServeOptions.local("tiny").withParallel(1, 4))) {
            long before = s.server.metrics().generatedCount();
            URI uri = URI.create(s.url());
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                String body = """
                        {"model": "tiny", "max_tokens": 2000, "stream": true, "messages": [{"role": "user", "content": "Go on forever."}]}""";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                int contentChunks = 0;
                for (String line; contentChunks < 3 && (line = in.readLine()) != null; ) {
                    if (line.contains("\"content\":\"") && !line.contains("\"role\"")) contentChunks++;
                }
                assertEquals(3, contentChunks, "the stream started");
            } // hang up
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (s.server.metrics().cancelledCount() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(1, s.server.metrics().cancelledCount(), "the server noticed the client leave");
            while (s.get("/health").json().get("active").asInt() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(0, s.get("/health").json().get("active").asInt(), "the worker is free");
            long generated = s.server.metrics().generatedCount() - before;
            assertTrue(generated < 1000, "generation stopped early, after " + generated + " of 2000 tokens");
        }
    }

    @Test
    void overHttpAFullQueueIs503WithRetryAfter() throws Exception {
        try (TestServer s = new TestServer(TestServer.model(64, 16, 1), ServeOptions.local("tiny").withParallel(1, 1))) {
            // occupy the one worker and the one queue place directly, then ask over HTTP
            Job a = s.server.scheduler().submit(new int[] {1, 2}, ENDLESS, true);
            a.next();
            Job b = s.server.scheduler().submit(new int[] {1, 2}, ENDLESS, true);
            try {
                TestServer.Reply r = s.post("/v1/completions", "{\"model\": \"tiny\", \"prompt\": \"hi\", \"max_tokens\": 1}");
                OpenAiApiTest.expectError(503, null, r);
                assertEquals("server_overloaded", r.json().get("error").get("code").asText());
                assertEquals(1, s.get("/health").json().get("queued").asInt());
                assertTrue(s.get("/metrics").body().contains("nextword_queue_depth 1"));
            } finally {
                a.cancel();
                b.cancel();
            }
        }
    }
}
