package nextword.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nextword.infer.LanguageModel;
import nextword.infer.Precision;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.CharTokenizer;

/** A random character-level GPT served on loopback, and a small HTTP client for it. Needs nothing from shared/. */
final class TestServer implements AutoCloseable {

    /** Printable ASCII and a newline: one token per character. */
    static final String ALPHABET;

    static {
        StringBuilder s = new StringBuilder("\n");
        for (char c = 32; c < 127; c++) s.append(c);
        ALPHABET = s.toString();
    }

    static final ObjectMapper JSON = new ObjectMapper();
    final LanguageModel model;
    final Server server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestServer(LanguageModel model, ServeOptions options) {
        this.model = model;
        this.server = Server.start(model, options);
    }

    /** A tiny model (2 layers, 32 wide, context 256), two workers decoding in batches (auto would not, for so small a model). */
    static TestServer tiny() throws IOException {
        return new TestServer(model(256, 32, 2), ServeOptions.local("tiny").withBatching(ServeOptions.Batching.ON));
    }

    static LanguageModel model(int context, int width, int layers) throws IOException {
        GptConfig config = new GptConfig(ALPHABET.length(), context, layers, 2, width);
        return LanguageModel.of(GptWeights.init(config, new SplittableRandom(42)), CharTokenizer.of(ALPHABET), Precision.FLOAT32);
    }

    String url() {
        return server.url();
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** The data of each server-sent event, in order. */
        List<String> events() {
            List<String> out = new ArrayList<>();
            for (String line : body.split("\n")) if (line.startsWith("data: ")) out.add(line.substring(6));
            return out;
        }
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, null);
    }

    Reply post(String path, String json, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return send(b);
    }

    private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    @Override
    public void close() {
        server.close();
        http.close();
        model.close();
    }
}
