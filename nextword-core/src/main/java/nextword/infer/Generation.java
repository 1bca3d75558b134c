package nextword.infer;

import java.util.List;

/**
 * A finished generation.
 *
 * @param text           the generated text (without the prompt, cut before a stop string)
 * @param tokens         every generated token ({@code <|endoftext|>} excluded)
 * @param finish         why it stopped
 * @param promptTokens   tokens of the prompt actually processed (after truncation to the context)
 * @param promptNanos    time to process the prompt
 * @param generateNanos  time from the first generated token to the last
 */
public record Generation(String text, List<GeneratedToken> tokens, FinishReason finish, int promptTokens,
                         long promptNanos, long generateNanos) {

    public int[] ids() {
        return tokens.stream().mapToInt(GeneratedToken::id).toArray();
    }

    /** Prompt tokens processed per second. */
    public double promptTokensPerSecond() {
        return promptNanos == 0 ? 0 : promptTokens / (promptNanos / 1e9);
    }

    /** Generated tokens per second, after the prompt: decoding speed. */
    public double tokensPerSecond() {
        return generateNanos == 0 ? 0 : tokens.size() / (generateNanos / 1e9);
    }
}
