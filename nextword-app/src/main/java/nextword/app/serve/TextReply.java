package nextword.app.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nextword.app.serve.OpenAiSchema.TextChoice;
import nextword.app.serve.OpenAiSchema.TextCompletion;
import nextword.app.serve.OpenAiSchema.TextLogprobs;
import nextword.app.serve.OpenAiSchema.Usage;
import nextword.infer.FinishReason;
import nextword.infer.GeneratedToken;
import nextword.infer.Generation;
import nextword.tokenize.Tokenizer;

/** /v1/completions' answer: {@code text_completion} objects, whole or one per streamed piece. */
final class TextReply extends Reply {

    private static final String OBJECT = "text_completion";
    private int offset; // characters of text sent so far, for text_offset

    TextReply(String id, String model, String fingerprint, Tokenizer tokenizer, boolean logprobs) {
        super(id, model, fingerprint, tokenizer, logprobs);
    }

    @Override
    Object whole(Generation g) {
        TextLogprobs lp = logprobs ? logprobs(g.tokens()) : null;
        return new TextCompletion(id, OBJECT, created, model, fingerprint,
                List.of(new TextChoice(0, g.text(), lp, finishReason(g.finish()))), Usage.of(g.promptTokens(), g.tokens().size()));
    }

    @Override
    List<Object> opening() {
        return List.of();
    }

    @Override
    Object piece(String text, GeneratedToken token) {
        if (text.isEmpty() && !(logprobs && token != null)) return null;
        TextLogprobs lp = logprobs && token != null ? logprobs(List.of(token)) : null;
        offset += text.length();
        return chunk(new TextChoice(0, text, lp, null), null);
    }

    @Override
    Object closing(FinishReason finish) {
        return chunk(new TextChoice(0, "", null, finishReason(finish)), null);
    }

    @Override
    Object usage(int prompt, int completion) {
        return new TextCompletion(id, OBJECT, created, model, fingerprint, List.of(), Usage.of(prompt, completion));
    }

    private TextCompletion chunk(TextChoice choice, Usage usage) {
        return new TextCompletion(id, OBJECT, created, model, fingerprint, List.of(choice), usage);
    }

    /** The legacy format: each token, its log-probability, its alternatives, and where its text starts. */
    private TextLogprobs logprobs(List<GeneratedToken> tokens) {
        List<String> texts = new ArrayList<>();
        List<Double> lps = new ArrayList<>();
        List<Map<String, Double>> tops = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int at = offset;
        for (GeneratedToken t : tokens) {
            texts.add(text(t.id()));
            lps.add((double) t.logprob());
            Map<String, Double> top = new LinkedHashMap<>();
            for (GeneratedToken.Alternative a : t.top()) top.putIfAbsent(text(a.id()), (double) a.logprob());
            tops.add(top);
            offsets.add(at);
            at += t.text().length();
        }
        return new TextLogprobs(texts, lps, tops, offsets);
    }
}
