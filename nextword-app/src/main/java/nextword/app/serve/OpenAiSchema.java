package nextword.app.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * The JSON OpenAI's API answers with, as records (written with snake_case names): models, completions,
 * chat completions, their streamed chunks, log-probabilities, usage and errors.
 */
final class OpenAiSchema {

    /** Writes these records as OpenAI spells them (finish_reason, prompt_tokens…). */
    static final ObjectMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private OpenAiSchema() {}

    record ModelCard(String id, String object, long created, String ownedBy) {}

    record ModelList(String object, List<ModelCard> data) {}

    record Usage(int promptTokens, int completionTokens, int totalTokens) {
        static Usage of(int prompt, int completion) {
            return new Usage(prompt, completion, prompt + completion);
        }
    }

    // ---- chat ----

    record Message(String role, String content) {}

    record ChatChoice(int index, Message message, ChatLogprobs logprobs, String finishReason) {}

    record ChatCompletion(String id, String object, long created, String model, String systemFingerprint,
                          List<ChatChoice> choices, Usage usage) {}

    /** What a chunk adds to the message: the role once, then pieces of content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {}

    record ChunkChoice(int index, Delta delta, ChatLogprobs logprobs, String finishReason) {}

    record ChatChunk(String id, String object, long created, String model, String systemFingerprint,
                     List<ChunkChoice> choices, Usage usage) {}

    record ChatLogprobs(List<TokenLogprob> content) {}

    record TokenLogprob(String token, double logprob, int[] bytes, List<TopLogprob> topLogprobs) {}

    record TopLogprob(String token, double logprob, int[] bytes) {}

    // ---- completions (also their streamed chunks) ----

    record TextChoice(int index, String text, TextLogprobs logprobs, String finishReason) {}

    record TextCompletion(String id, String object, long created, String model, String systemFingerprint,
                          List<TextChoice> choices, Usage usage) {}

    /** The legacy completions format: parallel lists, one entry per token. */
    record TextLogprobs(List<String> tokens, List<Double> tokenLogprobs, List<Map<String, Double>> topLogprobs,
                        List<Integer> textOffset) {}

    // ---- errors ----

    record ErrorBody(ErrorDetail error) {}

    record ErrorDetail(String message, String type, String param, String code) {}
}
