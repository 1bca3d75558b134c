package nextword.app.serve;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nextword.infer.FinishReason;
import nextword.infer.GeneratedToken;
import nextword.infer.Generation;
import nextword.tokenize.Tokenizer;

/**
 * How one request's answer is written: whole, or as the chunks of a stream. A completion and a chat
 * completion say the same things in different JSON ({@link TextReply}, {@link ChatReply}).
 */
abstract sealed class Reply permits ChatReply, TextReply {

    final String id;
    final long created;
    final String model;
    final String fingerprint;
    final Tokenizer tokenizer;
    final boolean logprobs;

    Reply(String id, String model, String fingerprint, Tokenizer tokenizer, boolean logprobs) {
        this.id = id;
        this.created = System.currentTimeMillis() / 1000;
        this.model = model;
        this.fingerprint = fingerprint;
        this.tokenizer = tokenizer;
        this.logprobs = logprobs;
    }

    /** The non-streaming response. */
    abstract Object whole(Generation g);

    /** Chunks before the first token (chat: the assistant's role). */
    abstract List<Object> opening();

    /** The chunk for a piece of text and the token that brought it (null for held-back text), or null for nothing to send. */
    abstract Object piece(String text, GeneratedToken token);

    /** The last chunk of the choice, with its finish reason. */
    abstract Object closing(FinishReason finish);

    /** The chunk after the last, with the token counts (stream_options.include_usage). */
    abstract Object usage(int prompt, int completion);

    /** OpenAI's two reasons: "length" when the budget ran out, else "stop". */
    static String finishReason(FinishReason f) {
        return f == FinishReason.LENGTH ? "length" : "stop";
    }

    /** A token's text as OpenAI reports it, and its UTF-8 bytes. */
    String text(int id) {
        return tokenizer.piece(id);
    }

    int[] bytes(int id) {
        byte[] b = tokenizer.decode(new int[] {id}).getBytes(StandardCharsets.UTF_8);
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xFF;
        return out;
    }
}
