package nextword.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import nextword.infer.Generator;
import nextword.infer.Inspector;
import nextword.infer.LanguageModel;
import nextword.infer.MeaningSpace;
import nextword.kernels.Kernels;
import nextword.model.GptConfig;
import nextword.model.Sampler;

/**
 * The explorer's data as JSON under /api, for the page and for scripts: the next token's probabilities at a
 * temperature, one token drawn from them, a head's attention weights, and the text's tokens and states placed
 * in meaning space. Each takes {@code {"text": …}}; the forward pass behind a text is kept for the next few
 * requests, so moving a slider or switching heads recomputes nothing.
 */
final class ExplorerApi {

    private static final int MAX_CANDIDATES = 100;
    private static final int CACHED = 8;

    private final LanguageModel model;
    private final ServeOptions options;
    private final Map<String, Inspector.Inspection> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Inspector.Inspection> e) {
            return size() > CACHED;
        }
    };
    private MeaningSpace space; // computed on first use (a fraction of a second)

    ExplorerApi(LanguageModel model, ServeOptions options) {
        this.model = model;
        this.options = options;
    }

    void routes(Javalin app) {
        app.get("/api/model", this::describe);
        app.post("/api/tokenize", ctx -> ctx.json(Map.of("tokens", tokens(ids(body(ctx))))));
        app.post("/api/next", this::next);
        app.post("/api/sample", this::sample);
        app.post("/api/attention", this::attention);
        app.post("/api/meaning", this::meaning);
    }

    private void describe(Context ctx) {
        GptConfig c = model.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", options.modelName());
        m.put("description", model.describe());
        m.put("vocab_size", c.vocabSize());
        m.put("context_length", c.contextLength());
        m.put("layers", c.layers());
        m.put("heads", c.heads());
        m.put("width", c.width());
        m.put("max_tokens", Math.min(c.contextLength(), Inspector.MAX_TOKENS));
        ctx.json(m);
    }

    /** {text, temperature = 1, top = 20} → the text's tokens and the likeliest next tokens with their probabilities. */
    private void next(Context ctx) {
        JsonNode b = body(ctx);
        float temperature = temperature(b);
        int top = b.hasNonNull("top") ? b.get("top").asInt() : 20;
        if (top < 1 || top > MAX_CANDIDATES) throw ApiError.badValue("top", "'top' must be in [1, " + MAX_CANDIDATES + "]");
        Inspector.Inspection in = inspect(ids(b));
        float[] p = probabilities(in.logits(), temperature);
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int id : Sampler.top(p, top)) {
            Map<String, Object> c = token(id);
            c.put("logit", in.logits()[id]);
            c.put("probability", p[id]);
            candidates.add(c);
        }
        ctx.json(Map.of("tokens", tokens(in.ids()), "temperature", temperature, "candidates", candidates));
    }

    /** {text, temperature = 1, seed = 0} → one next token drawn at that temperature (the essay's loop, one step). */
    private void sample(Context ctx) {
        JsonNode b = body(ctx);
        float temperature = temperature(b);
        long seed = b.path("seed").asLong(0);
        Inspector.Inspection in = inspect(ids(b));
        float[] p = probabilities(in.logits(), temperature);
        int id = Sampler.pick(p, temperature, new SplittableRandom(seed));
        Map<String, Object> t = token(id);
        t.put("probability", p[id]);
        ctx.json(t);
    }

    /** {text, layer, head} → weights[q][k] for k ≤ q: how much each position attends to each before it. */
    private void attention(Context ctx) {
        JsonNode b = body(ctx);
        int layer = index(b, "layer", model.config().layers());
        int head = index(b, "head", model.config().heads());
        Inspector.Inspection in = inspect(ids(b));
        int t = in.length();
        float[][] rows = new float[t][];
        for (int q = 0; q < t; q++) {
            rows[q] = new float[q + 1];
            for (int k = 0; k <= q; k++) rows[q][k] = in.attention(layer, head, q, k);
        }
        ctx.json(Map.of("tokens", tokens(in.ids()), "layer", layer, "head", head, "weights", rows));
    }

    /** {text} → each token's embedding and the state after each position, placed on meaning space's plane. */
    private void meaning(Context ctx) {
        Inspector.Inspection in = inspect(ids(body(ctx)));
        MeaningSpace s = space();
        int c = model.config().width();
        List<Map<String, Object>> tokens = tokens(in.ids());
        List<float[]> path = new ArrayList<>();
        for (int i = 0; i < in.length(); i++) {
            float[] e = s.place(s.embedding(in.ids()[i]), 0);
            tokens.get(i).put("x", e[0]);
            tokens.get(i).put("y", e[1]);
            path.add(s.place(in.states(), i * c));
        }
        ctx.json(Map.of("tokens", tokens, "path", path));
    }

    private synchronized MeaningSpace space() {
        if (space == null) space = MeaningSpace.of(model);
        return space;
    }

    /** The forward pass over ids, from the cache when the text was seen lately; one pass at a time bounds memory. */
    private synchronized Inspector.Inspection inspect(int[] ids) {
        return cache.computeIfAbsent(Arrays.toString(ids), k -> Inspector.inspect(model, ids));
    }

    private static float[] probabilities(float[] logits, float temperature) {
        float[] p = logits.clone();
        if (temperature == 0f) {
            Arrays.fill(p, 0f);
            p[Sampler.argmax(logits)] = 1f;
            return p;
        }
        Kernels.ops().scale(p, 0, 1f / temperature, p.length);
        Kernels.ops().softmax(p, 0, p.length);
        return p;
    }

    private JsonNode body(Context ctx) {
        JsonNode b = JsonBody.read(ctx, options.maxBodyBytes());
        if (!b.isObject() || !b.path("text").isTextual()) throw ApiError.badValue("text", "the body must be {\"text\": \"…\"}");
        return b;
    }

    private int[] ids(JsonNode b) {
        int[] ids = Generator.encode(model, b.get("text").asText());
        int limit = Math.min(model.config().contextLength(), Inspector.MAX_TOKENS);
        if (ids.length > limit) throw ApiError.contextExceeded("text", "the text has " + ids.length + " tokens; the explorer takes at most " + limit);
        return ids;
    }

    private static float temperature(JsonNode b) {
        JsonNode t = b.get("temperature");
        if (t == null || t.isNull()) return 1f;
        if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 5) throw ApiError.badValue("temperature", "'temperature' must be a number in [0, 5]");
        return (float) t.asDouble();
    }

    private static int index(JsonNode b, String field, int n) {
        JsonNode v = b.get(field);
        if (v == null || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() >= n) {
            throw ApiError.badValue(field, "'" + field + "' must be an integer in [0, " + (n - 1) + "]");
        }
        return v.asInt();
    }

    private List<Map<String, Object>> tokens(int[] ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int id : ids) out.add(token(id));
        return out;
    }

    /** id, the token as a person reads it, and the text it adds when appended. */
    private Map<String, Object> token(int id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("token", model.tokenizer().piece(id));
        m.put("text", model.tokenizer().decode(new int[] {id}));
        return m;
    }
}
