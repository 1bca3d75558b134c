package nextword.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import nextword.kernels.Kernels;
import nextword.tokenize.Tokenizer;

/**
 * The loop at the heart of the essay: next = GPT(context); append; repeat. Each step turns the model's
 * logits into one token ({@link TokenSampler}), reports it, and feeds it back through the session's KV
 * cache. When the context is full the window slides: the most recent half is kept and recomputed.
 */
public final class Generator {

    private Generator() {}

    /** Continues text (encoded with the model's tokenizer; empty text starts from {@code <|endoftext|>}). */
    public static Generation generate(Session session, String prompt, SamplingOptions options, TokenListener listener) {
        return generate(session, encode(session.model(), prompt), options, listener, () -> false);
    }

    /** Continues the prompt's tokens, reporting each new token to listener (which may be null). */
    public static Generation generate(Session session, int[] prompt, SamplingOptions options, TokenListener listener) {
        return generate(session, prompt, options, listener, () -> false);
    }

    /**
     * As the other overloads; cancelled is polled before each token (it may be set from another thread),
     * and the generation then finishes as {@link FinishReason#CANCELLED}.
     */
    public static Generation generate(Session session, int[] prompt, SamplingOptions options, TokenListener listener,
                                      BooleanSupplier cancelled) {
        LanguageModel model = session.model();
        Tokenizer tokenizer = model.tokenizer();
        int v = model.config().vocabSize();
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt needs at least one token");
        int capacity = session.capacity();
        int[] history = Arrays.copyOf(prompt, prompt.length + options.maxTokens() + 1);
        int length = prompt.length;
        int[] context = prompt.length <= capacity ? prompt : Arrays.copyOfRange(prompt, prompt.length - capacity, prompt.length);

        long t0 = System.nanoTime();
        float[] logits = session.sync(context);
        long promptNanos = System.nanoTime() - t0;

        TokenSampler sampler = new TokenSampler(v, options);
        Penalties penalties = new Penalties(v, options.penaltyWindow() < 0 ? capacity : options.penaltyWindow());
        for (int id : context) penalties.push(id);
        TextStream text = new TextStream(tokenizer);
        StopStrings stops = new StopStrings(options.stop());
        float[] logprobs = new float[v];
        int[] top = new int[options.topLogprobs()];
        StringBuilder out = new StringBuilder();
        List<GeneratedToken> tokens = new ArrayList<>();
        FinishReason finish = FinishReason.LENGTH;
        long t1 = System.nanoTime();
        for (int step = 0; step < options.maxTokens(); step++) {
            if (cancelled.getAsBoolean()) {
                finish = FinishReason.CANCELLED;
                break;
            }
            int id = sampler.pick(logits, penalties);
            if (id == model.endOfText() && !options.ignoreEndOfText()) {
                finish = FinishReason.END_OF_TEXT;
                break;
            }
            // what the model itself thought: log-softmax of the raw logits
            Kernels.ops().logSoftmax(logits, 0, logprobs, 0, v);
            List<GeneratedToken.Alternative> alternatives = new ArrayList<>(top.length);
            int n = TopTokens.select(logprobs, v, top.length, top);
            for (int i = 0; i < n; i++) alternatives.add(new GeneratedToken.Alternative(top[i], tokenizer.piece(top[i]), logprobs[top[i]]));
            String shown = stops.push(text.push(id));
            out.append(shown);
            GeneratedToken token = new GeneratedToken(id, tokenizer.piece(id), shown, logprobs[id], List.copyOf(alternatives));
            tokens.add(token);
            history[length++] = id;
            penalties.push(id);
            if (listener != null && !listener.onToken(token)) {
                finish = FinishReason.CANCELLED;
                break;
            }
            if (stops.stopped()) {
                finish = FinishReason.STOP;
                break;
            }
            if (step + 1 == options.maxTokens()) break; // the next logits would go unused
            if (session.length() == capacity) {
                // full: keep the latest half of the context (this token included) and recompute it
                session.reset();
                logits = session.prefill(Arrays.copyOfRange(history, length - Math.max(1, capacity / 2), length));
            } else {
                logits = session.decode(id);
            }
        }
        if (finish != FinishReason.STOP) {
            String tail = stops.push(text.flush()) + (stops.stopped() ? "" : stops.flush());
            if (stops.stopped() && finish != FinishReason.CANCELLED) finish = FinishReason.STOP;
            if (!tail.isEmpty()) {
                out.append(tail);
                if (listener != null) listener.onTail(tail);
            }
        }
        return new Generation(out.toString(), List.copyOf(tokens), finish, context.length, promptNanos, System.nanoTime() - t1);
    }

    /** The tokens of text, or {@code <|endoftext|>} alone for empty text (what GPT-2 saw at a document's start). */
    public static int[] encode(LanguageModel model, String text) {
        if (!text.isEmpty()) return model.tokenizer().encode(text);
        if (model.endOfText() < 0) throw new IllegalArgumentException("the prompt is empty and the tokenizer has no " + LanguageModel.END_OF_TEXT + " to start from");
        return new int[] {model.endOfText()};
    }
}
