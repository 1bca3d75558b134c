package nextword.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded load on a server on this machine: some clients at once, each sending a fixed number of streaming
 * chat requests one after another, every stream checked for the protocol's shape (the role first, content,
 * exactly one finish reason, usage, then [DONE] and nothing after). Reports latency percentiles and tokens/s.
 * Only loopback addresses are accepted: this is a test, never traffic to another machine.
 */
public final class LoadTest {

    /**
     * What the load saw.
     *
     * @param requests     streams completed or failed
     * @param problems     what was wrong with the failed ones (empty when all were well-formed and complete)
     * @param tokens       completion tokens in all streams (by their usage chunks)
     * @param seconds      wall time of the whole load
     * @param latencies    each request's seconds from sending to [DONE], sorted
     * @param firstTokens  each request's seconds to its first content chunk, sorted
     */
    public record Result(int requests, List<String> problems, long tokens, double seconds, double[] latencies, double[] firstTokens) {

        public double tokensPerSecond() {
            return tokens / seconds;
        }

        public double latency(double percentile) {
            return LoadTest.percentile(latencies, percentile);
        }

        public double firstToken(double percentile) {
            return LoadTest.percentile(firstTokens, percentile);
        }

        public String summary() {
            return String.format(Locale.ROOT, "%d requests, %d failed, %d tokens in %.2f s: %.1f tokens/s; latency p50 %.0f ms, p99 %.0f ms; first token p50 %.0f ms, p99 %.0f ms",
                    requests, problems.size(), tokens, seconds, tokensPerSecond(), latency(50) * 1e3, latency(99) * 1e3,
                    firstToken(50) * 1e3, firstToken(99) * 1e3);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadTest() {}

    /** Runs clients × requestsEach streaming chat requests of maxTokens tokens against baseUrl (loopback only). */
    public static Result run(String baseUrl, String model, String apiKey, int clients, int requestsEach, int maxTokens) throws InterruptedException {
        URI uri = URI.create(baseUrl + "/v1/chat/completions");
        if (!isLoopback(uri.getHost())) throw new IllegalArgumentException("the load test only targets this machine (127.0.0.1, localhost, ::1), not " + uri.getHost());
        if (clients < 1 || requestsEach < 1 || maxTokens < 1) throw new IllegalArgumentException("clients, requests and max tokens must be >= 1");
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<double[]> timings = Collections.synchronizedList(new ArrayList<>()); // {latency, first token, tokens}
        long t0 = System.nanoTime();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < requestsEach; i++) {
                        String label = "client " + client + " request " + i;
                        try {
                            timings.add(one(http, uri, model, apiKey, maxTokens, client * 1000L + i));
                        } catch (IOException | RuntimeException e) {
                            problems.add(label + ": " + e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    problems.add(e.getCause().toString());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] latencies = timings.stream().mapToDouble(t -> t[0]).sorted().toArray();
        double[] first = timings.stream().mapToDouble(t -> t[1]).filter(x -> x >= 0).sorted().toArray();
        long tokens = timings.stream().mapToLong(t -> (long) t[2]).sum();
        return new Result(clients * requestsEach, List.copyOf(problems), tokens, seconds, latencies, first);
    }

    /** One streaming request, checked; returns {latency s, first content s (−1: none), completion tokens}. */
    private static double[] one(HttpClient http, URI uri, String model, String apiKey, int maxTokens, long seed) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens).put("seed", seed).put("stream", true)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("stream_options", JSON.createObjectNode().put("include_usage", true))
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", "Tell me about tokens."))).toString();
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) rb.header("Authorization", "Bearer " + apiKey);
        long t0 = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) throw new IOException("status " + r.statusCode() + ": " + String.join("\n", r.body().toList()));
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) throw new IOException("not an event stream");
        double first = -1;
        int chunks = 0;
        String finish = null;
        int usageTokens = -1;
        boolean done = false;
        Iterator<String> lines = r.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty() || line.startsWith(":")) continue; // blank separators and comments (heartbeats)
            if (!line.startsWith("data: ")) throw new IOException("not an SSE data line: " + line);
            if (done) throw new IOException("data after [DONE]");
            String data = line.substring(6);
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonNode chunk = JSON.readTree(data);
            if (!"chat.completion.chunk".equals(chunk.path("object").asText())) throw new IOException("not a chunk: " + data);
            JsonNode choices = chunk.path("choices");
            if (choices.isEmpty()) {
                if (finish == null) throw new IOException("usage before the finish reason");
                usageTokens = chunk.path("usage").path("completion_tokens").asInt(-1);
                continue;
            }
            if (finish != null) throw new IOException("a choice chunk after the finish reason");
            JsonNode delta = choices.get(0).path("delta");
            if (chunks++ == 0 && !"assistant".equals(delta.path("role").asText())) throw new IOException("the first chunk does not give the assistant role");
            if (delta.hasNonNull("content") && !delta.get("content").asText().isEmpty() && first < 0) first = (System.nanoTime() - t0) / 1e9;
            if (choices.get(0).hasNonNull("finish_reason")) finish = choices.get(0).get("finish_reason").asText();
        }
        if (!done) throw new IOException("the stream ended without [DONE]");
        if (!"stop".equals(finish) && !"length".equals(finish)) throw new IOException("finish reason " + finish);
        if (usageTokens < 1 || usageTokens > maxTokens || ("length".equals(finish) && usageTokens != maxTokens)) {
            throw new IOException("usage says " + usageTokens + " tokens with finish " + finish + " and max_tokens " + maxTokens);
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, first, usageTokens};
    }

    static boolean isLoopback(String host) {
        if (host == null) return false;
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
