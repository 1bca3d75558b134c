package nextword.infer;

import java.util.List;

/**
 * One generated token, as a stream reports it.
 *
 * @param id      the token id
 * @param piece   the token's own text (as the tokenizer shows one token)
 * @param text    the text this token adds to the output now: "" while it may be part of a stop string or of
 *                an incomplete character, and then possibly more than the piece
 * @param logprob the natural log of the model's probability for this token (temperature 1, no penalties)
 * @param top     the likeliest tokens at this step with their log-probabilities, likeliest first
 *                ({@link SamplingOptions#topLogprobs()} of them)
 */
public record GeneratedToken(int id, String piece, String text, float logprob, List<Alternative> top) {

    /** A candidate for a position: what the essay's tables of next words show. */
    public record Alternative(int id, String piece, float logprob) {}
}
