package nextword.app.serve;

import java.util.ArrayList;
import java.util.List;
import nextword.app.serve.OpenAiSchema.ChatChoice;
import nextword.app.serve.OpenAiSchema.ChatChunk;
import nextword.app.serve.OpenAiSchema.ChatCompletion;
import nextword.app.serve.OpenAiSchema.ChatLogprobs;
import nextword.app.serve.OpenAiSchema.ChunkChoice;
import nextword.app.serve.OpenAiSchema.Delta;
import nextword.app.serve.OpenAiSchema.Message;
import nextword.app.serve.OpenAiSchema.TokenLogprob;
import nextword.app.serve.OpenAiSchema.TopLogprob;
import nextword.app.serve.OpenAiSchema.Usage;
import nextword.infer.FinishReason;
import nextword.infer.GeneratedToken;
import nextword.infer.Generation;
import nextword.tokenize.Tokenizer;

/**
 * /v1/chat/completions' answer: a {@code chat.completion}, or {@code chat.completion.chunk}s — the
 * assistant's role, pieces of content, the finish reason. The space the transcript leaves after
 * "Assistant:" is dropped from the start of the reply ({@link ChatTemplate}).
 */
final class ChatReply extends Reply {

    private static final String OBJECT = "chat.completion";
    private static final String CHUNK = "chat.completion.chunk";
    private boolean started; // whether reply text other than leading whitespace has been sent

    ChatReply(String id, String model, String fingerprint, Tokenizer tokenizer, boolean logprobs) {
        super(id, model, fingerprint, tokenizer, logprobs);
    }

    @Override
    Object whole(Generation g) {
        ChatLogprobs lp = logprobs ? new ChatLogprobs(g.tokens().stream().map(this::logprob).toList()) : null;
        Message m = new Message("assistant", g.text().stripLeading());
        return new ChatCompletion(id, OBJECT, created, model, fingerprint,
                List.of(new ChatChoice(0, m, lp, finishReason(g.finish()))), Usage.of(g.promptTokens(), g.tokens().size()));
    }

    @Override
    List<Object> opening() {
        return List.of(chunk(new ChunkChoice(0, new Delta("assistant", ""), null, null), null));
    }

    @Override
    Object piece(String text, GeneratedToken token) {
        if (!started) {
            text = text.stripLeading();
            started = !text.isEmpty();
        }
        if (text.isEmpty() && !(logprobs && token != null)) return null;
        ChatLogprobs lp = logprobs && token != null ? new ChatLogprobs(List.of(logprob(token))) : null;
        return chunk(new ChunkChoice(0, new Delta(null, text), lp, null), null);
    }

    @Override
    Object closing(FinishReason finish) {
        return chunk(new ChunkChoice(0, new Delta(null, null), null, finishReason(finish)), null);
    }

    @Override
    Object usage(int prompt, int completion) {
        return new ChatChunk(id, CHUNK, created, model, fingerprint, List.of(), Usage.of(prompt, completion));
    }

    private ChatChunk chunk(ChunkChoice choice, Usage usage) {
        return new ChatChunk(id, CHUNK, created, model, fingerprint, List.of(choice), usage);
    }

    private TokenLogprob logprob(GeneratedToken t) {
        List<TopLogprob> top = new ArrayList<>();
        for (GeneratedToken.Alternative a : t.top()) top.add(new TopLogprob(text(a.id()), a.logprob(), bytes(a.id())));
        return new TokenLogprob(text(t.id()), t.logprob(), bytes(t.id()), top);
    }
}
