package nextword.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nextword.infer.Generator;
import nextword.infer.LanguageModel;
import nextword.infer.SamplingOptions;

/**
 * Reads the JSON of a completion or chat request into a {@link GenerateRequest}, refusing with an
 * OpenAI-shaped 400 (naming the field) every value the server cannot honour, and a prompt that does not fit
 * the context with the tokens asked for — all before any of the model's work.
 */
final class RequestReader {

    /** Completions' default budget, as OpenAI's. */
    static final int DEFAULT_COMPLETION_TOKENS = 16;
    /** OpenAI's limits. */
    static final int MAX_STOPS = 4;
    static final int MAX_COMPLETION_LOGPROBS = 5;

    private final LanguageModel model;
    private final String modelName;
    private final long seed;
    private final AtomicLong requests = new AtomicLong();

    RequestReader(LanguageModel model, String modelName, long seed) {
        this.model = model;
        this.modelName = modelName;
        this.seed = seed;
    }

    GenerateRequest completion(JsonNode body) {
        common(body);
        refuse(body, "echo", body.path("echo").asBoolean(false), "'echo' is not supported");
        refuse(body, "suffix", body.hasNonNull("suffix"), "'suffix' (insertion) is not supported");
        refuse(body, "best_of", body.path("best_of").asInt(1) != 1, "'best_of' must be 1");
        int[] ids = prompt(body.get("prompt"));
        int logprobs = 0;
        boolean wantLogprobs = body.hasNonNull("logprobs");
        if (wantLogprobs) logprobs = integer(body, "logprobs", 0, MAX_COMPLETION_LOGPROBS);
        int maxTokens = body.hasNonNull("max_tokens") ? integer(body, "max_tokens", 1, Integer.MAX_VALUE) : DEFAULT_COMPLETION_TOKENS;
        return finish(body, false, ids, maxTokens, List.of(), wantLogprobs, logprobs);
    }

    GenerateRequest chat(JsonNode body) {
        common(body);
        refuse(body, "tools", body.path("tools").size() > 0 || body.path("functions").size() > 0, "this server has no tools or functions");
        JsonNode format = body.path("response_format");
        refuse(body, "response_format", !format.isMissingNode() && !format.isNull() && !"text".equals(format.path("type").asText()),
                "only the 'text' response format is supported");
        int[] ids = Generator.encode(model, ChatTemplate.render(body.get("messages")));
        boolean wantLogprobs = body.path("logprobs").asBoolean(false);
        int top = body.hasNonNull("top_logprobs") ? integer(body, "top_logprobs", 0, SamplingOptions.MAX_TOP_LOGPROBS) : 0;
        if (top > 0 && !wantLogprobs) throw ApiError.badValue("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        String budget = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int room = model.config().contextLength() - ids.length;
        int maxTokens = body.hasNonNull(budget) ? integer(body, budget, 1, Integer.MAX_VALUE) : Math.max(1, room);
        return finish(body, true, ids, maxTokens, ChatTemplate.TURN_ENDS, wantLogprobs, top);
    }

    /** Checks what both endpoints share: the model's name and n. */
    private void common(JsonNode body) {
        if (body == null || !body.isObject()) throw ApiError.badValue(null, "the request body must be a JSON object");
        JsonNode m = body.get("model");
        if (m == null || !m.isTextual() || m.asText().isEmpty()) throw ApiError.badValue("model", "'model' is required (this server serves '" + modelName + "')");
        if (!m.asText().equals(modelName)) throw ApiError.unknownModel(m.asText(), modelName);
        if (body.hasNonNull("n") && integer(body, "n", 1, Integer.MAX_VALUE) != 1) {
            throw ApiError.unsupported("n", "'n' must be 1: this server returns one choice per request");
        }
        refuse(body, "logit_bias", body.path("logit_bias").size() > 0, "'logit_bias' is not supported");
    }

    private GenerateRequest finish(JsonNode body, boolean chat, int[] ids, int maxTokens, List<String> extraStops, boolean logprobs, int top) {
        int context = model.config().contextLength();
        if (ids.length > context) {
            throw ApiError.contextExceeded(chat ? "messages" : "prompt", "the prompt has " + ids.length + " tokens; the model's context holds " + context);
        }
        if (ids.length + maxTokens > context) {
            throw ApiError.contextExceeded("max_tokens", "the prompt's " + ids.length + " tokens plus max_tokens " + maxTokens
                    + " exceed the model's context of " + context + " tokens");
        }
        List<String> stops = new ArrayList<>(stops(body.get("stop")));
        stops.addAll(extraStops);
        boolean stream = bool(body, "stream");
        JsonNode so = body.get("stream_options");
        boolean includeUsage = false;
        if (so != null && !so.isNull()) {
            if (!stream) throw ApiError.badValue("stream_options", "'stream_options' is only allowed with 'stream': true");
            includeUsage = so.path("include_usage").asBoolean(false);
        }
        long requestSeed = body.hasNonNull("seed") ? longValue(body, "seed") : seed + requests.incrementAndGet() * 0x9E3779B97F4A7C15L;
        float topP = number(body, "top_p", 1, 0, 1);
        if (topP == 0f) throw ApiError.badValue("top_p", "'top_p' must be in (0, 1], got 0");
        SamplingOptions options = SamplingOptions.defaults()
                .withTemperature(number(body, "temperature", 1, 0, 2))
                .withTopP(topP)
                .withTopK(body.hasNonNull("top_k") ? integer(body, "top_k", 0, Integer.MAX_VALUE) : 0)
                .withMinP(number(body, "min_p", 0, 0, 1))
                .withPenalties(1f, number(body, "presence_penalty", 0, -2, 2), number(body, "frequency_penalty", 0, -2, 2))
                .withPenaltyWindow(-1)
                .withSeed(requestSeed)
                .withMaxTokens(maxTokens)
                .withStop(stops)
                .withTopLogprobs(top);
        return new GenerateRequest(chat, ids, options, stream, includeUsage, logprobs);
    }

    /** A completion prompt: a string, an array of one string, or an array of token ids. */
    private int[] prompt(JsonNode p) {
        if (p == null || p.isNull()) throw ApiError.badValue("prompt", "'prompt' is required");
        if (p.isTextual()) return Generator.encode(model, p.asText());
        if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) return Generator.encode(model, p.get(0).asText());
        if (p.isArray() && !p.isEmpty() && p.get(0).isNumber()) {
            int[] ids = new int[p.size()];
            int v = model.config().vocabSize();
            for (int i = 0; i < ids.length; i++) {
                JsonNode t = p.get(i);
                if (!t.canConvertToInt() || t.asInt() < 0 || t.asInt() >= v) throw ApiError.badValue("prompt", "prompt token " + i + " is not an id in [0, " + v + ")");
                ids[i] = t.asInt();
            }
            return ids;
        }
        if (p.isArray() && p.size() > 1) throw ApiError.unsupported("prompt", "one prompt per request: batches of prompts are not supported");
        throw ApiError.badValue("prompt", "'prompt' must be a string or an array of token ids");
    }

    private static List<String> stops(JsonNode s) {
        if (s == null || s.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (s.isTextual()) {
            out.add(s.asText());
        } else if (s.isArray()) {
            for (JsonNode e : s) {
                if (!e.isTextual()) throw ApiError.badValue("stop", "'stop' must be a string or an array of strings");
                out.add(e.asText());
            }
        } else {
            throw ApiError.badValue("stop", "'stop' must be a string or an array of strings");
        }
        if (out.size() > MAX_STOPS) throw ApiError.badValue("stop", "at most " + MAX_STOPS + " stop strings");
        for (String x : out) if (x.isEmpty()) throw ApiError.badValue("stop", "a stop string must not be empty");
        return out;
    }

    private static void refuse(JsonNode body, String field, boolean bad, String message) {
        if (bad) throw ApiError.unsupported(field, message);
    }

    private static float number(JsonNode body, String field, double fallback, double min, double max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return (float) fallback;
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < min || n.asDouble() > max) {
            throw ApiError.badValue(field, "'" + field + "' must be a number in [" + fmt(min) + ", " + fmt(max) + "], got " + n);
        }
        return (float) n.asDouble();
    }

    private static int integer(JsonNode body, String field, int min, int max) {
        JsonNode n = body.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw ApiError.badValue(field, "'" + field + "' must be an integer in [" + min + ", " + (max == Integer.MAX_VALUE ? "∞" : max) + "], got " + n);
        }
        return n.asInt();
    }

    private static long longValue(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw ApiError.badValue(field, "'" + field + "' must be an integer, got " + n);
        return n.asLong();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return false;
        if (!n.isBoolean()) throw ApiError.badValue(field, "'" + field + "' must be true or false, got " + n);
        return n.asBoolean();
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
