package nextword.app.serve;

import nextword.infer.SamplingOptions;

/**
 * A completion or chat request, checked and ready for the scheduler.
 *
 * @param chat         whether it came to /v1/chat/completions (the reply is a message)
 * @param ids          the prompt's tokens (the chat transcript's, for chat)
 * @param options      sampling, stop strings and the token budget
 * @param stream       answer as server-sent events
 * @param includeUsage with stream: a last chunk with the token counts
 * @param logprobs     whether to report each token's log-probability (with options.topLogprobs() alternatives)
 */
record GenerateRequest(boolean chat, int[] ids, SamplingOptions options, boolean stream, boolean includeUsage, boolean logprobs) {}
