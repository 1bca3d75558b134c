package nextword.infer;

import java.util.List;

/**
 * How the next token is chosen, and when generation stops. Applied in this order to the logits: repetition,
 * presence and frequency penalties over the last {@code penaltyWindow} tokens of the context; the
 * temperature (0 picks the likeliest token, 1 samples the model's own probabilities, higher flattens them);
 * then top-k, top-p (nucleus) and min-p cut the candidates; one is drawn with a generator seeded by seed, so
 * the same seed gives the same text.
 *
 * @param temperature       ≥ 0; 0 is greedy
 * @param topK              keep the k likeliest tokens (0: all)
 * @param topP              keep the likeliest tokens whose probabilities add up to p (1: all)
 * @param minP              keep tokens at least minP × the likeliest one's probability (0: all)
 * @param repetitionPenalty divide a repeated token's positive logit by this, multiply a negative one (1: off)
 * @param presencePenalty   subtract from the logit of every token in the window (0: off)
 * @param frequencyPenalty  subtract this × its count in the window (0: off)
 * @param penaltyWindow     how many recent tokens the penalties look at (−1: the whole context)
 * @param seed              the random generator's seed
 * @param maxTokens         the most tokens to generate
 * @param stop              strings that end generation when they appear (not included in the text)
 * @param topLogprobs       how many likeliest alternatives to report with each token (0–20)
 * @param ignoreEndOfText   keep going past {@code <|endoftext|>}
 */
public record SamplingOptions(float temperature, int topK, float topP, float minP, float repetitionPenalty, float presencePenalty,
                              float frequencyPenalty, int penaltyWindow, long seed, int maxTokens, List<String> stop, int topLogprobs,
                              boolean ignoreEndOfText) {

    /** Most alternatives a token reports. */
    public static final int MAX_TOP_LOGPROBS = 20;

    public SamplingOptions {
        stop = List.copyOf(stop);
        require(Float.isFinite(temperature) && temperature >= 0, "temperature must be >= 0, got " + temperature);
        require(topK >= 0, "top-k must be >= 0 (0 = off), got " + topK);
        require(topP > 0 && topP <= 1, "top-p must be in (0, 1], got " + topP);
        require(minP >= 0 && minP <= 1, "min-p must be in [0, 1], got " + minP);
        require(Float.isFinite(repetitionPenalty) && repetitionPenalty > 0, "repetition penalty must be > 0 (1 = off), got " + repetitionPenalty);
        require(Float.isFinite(presencePenalty) && Float.isFinite(frequencyPenalty), "presence and frequency penalties must be finite");
        require(penaltyWindow == -1 || penaltyWindow >= 0, "penalty window must be >= 0, or -1 for the whole context");
        require(maxTokens >= 0, "max tokens must be >= 0, got " + maxTokens);
        require(topLogprobs >= 0 && topLogprobs <= MAX_TOP_LOGPROBS, "top logprobs must be in [0, " + MAX_TOP_LOGPROBS + "], got " + topLogprobs);
        for (String s : stop) require(!s.isEmpty(), "a stop string must not be empty");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** Temperature 1 (the model's own distribution), no cuts, no penalties, 64 tokens, seed 0. */
    public static SamplingOptions defaults() {
        return new SamplingOptions(1f, 0, 1f, 0f, 1f, 0f, 0f, 64, 0L, 64, List.of(), 0, false);
    }

    /** Always the likeliest token. */
    public static SamplingOptions greedy() {
        return defaults().withTemperature(0f);
    }

    public SamplingOptions withTemperature(float t) {
        return new SamplingOptions(t, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withTopK(int k) {
        return new SamplingOptions(temperature, k, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withTopP(float p) {
        return new SamplingOptions(temperature, topK, p, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withMinP(float p) {
        return new SamplingOptions(temperature, topK, topP, p, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    /** Repetition, presence and frequency penalties together (1, 0, 0 turn them off). */
    public SamplingOptions withPenalties(float repetition, float presence, float frequency) {
        return new SamplingOptions(temperature, topK, topP, minP, repetition, presence, frequency, penaltyWindow, seed, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withPenaltyWindow(int window) {
        return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, window, seed, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withSeed(long s) {
        return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, s, maxTokens, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withMaxTokens(int n) {
        return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, n, stop, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withStop(List<String> strings) {
        return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, strings, topLogprobs, ignoreEndOfText);
    }

    public SamplingOptions withTopLogprobs(int n) {
        return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, stop, n, ignoreEndOfText);
    }

    public SamplingOptions withIgnoreEndOfText(boolean ignore) {
        return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, penaltyWindow, seed, maxTokens, stop, topLogprobs, ignore);
    }

    /** Whether any penalty is on. */
    boolean penalizes() {
        return repetitionPenalty != 1f || presencePenalty != 0f || frequencyPenalty != 0f;
    }
}
