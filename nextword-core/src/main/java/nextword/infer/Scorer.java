package nextword.infer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * How surprised a model is by a text: the log-probability of each token given the ones before it, the mean
 * loss (cross-entropy in nats), perplexity e^loss, and bits per byte (comparable across tokenizers). A text
 * longer than the context is scored in overlapping windows, each token with at least half a context before it.
 */
public final class Scorer {

    /**
     * A scored text.
     *
     * @param ids      the text's tokens
     * @param logprobs natural log-probability of each scored token: of ids[i] at index i when the first token
     *                 was scored (after {@code <|endoftext|>}), else of ids[i + 1]
     * @param bytes    UTF-8 bytes of the scored tokens' text
     */
    public record Score(int[] ids, float[] logprobs, long bytes) {

        /** Mean negative log-probability per token, in nats. */
        public double loss() {
            double s = 0;
            for (float l : logprobs) s -= l;
            return s / logprobs.length;
        }

        public double perplexity() {
            return Math.exp(loss());
        }

        /** Total information in bits divided by the bytes it covers. */
        public double bitsPerByte() {
            return loss() * logprobs.length / Math.log(2) / bytes;
        }

        /** Whether ids[0] has a log-probability (it follows {@code <|endoftext|>}). */
        public boolean firstScored() {
            return logprobs.length == ids.length;
        }
    }

    private Scorer() {}

    /**
     * Scores text, every token of it when the tokenizer has {@code <|endoftext|>} to put before the first
     * (as GPT-2 saw documents begin), else every token after the first.
     */
    public static Score score(Session session, String text) {
        LanguageModel model = session.model();
        int[] ids = model.tokenizer().encode(text);
        int eot = model.endOfText();
        if (eot >= 0) {
            if (ids.length == 0) throw new IllegalArgumentException("nothing to score: the text is empty");
            int[] withStart = new int[ids.length + 1];
            withStart[0] = eot;
            System.arraycopy(ids, 0, withStart, 1, ids.length);
            return new Score(ids, logProbs(session, withStart), text.getBytes(StandardCharsets.UTF_8).length);
        }
        if (ids.length < 2) throw new IllegalArgumentException("nothing to score: the text has fewer than two tokens");
        long bytes = model.tokenizer().decode(Arrays.copyOfRange(ids, 1, ids.length)).getBytes(StandardCharsets.UTF_8).length;
        return new Score(ids, logProbs(session, ids), bytes);
    }

    /** log p(ids[i] | ids[0, i)) for i = 1 … n−1, at index i − 1. */
    public static float[] logProbs(Session session, int[] ids) {
        return logProbs(session, ids, null);
    }

    /** As {@link #logProbs(Session, int[])}, also writing the likeliest token at each position to argmax (if not null). */
    static float[] logProbs(Session session, int[] ids, int[] argmax) {
        if (ids.length < 2) return new float[0];
        int v = session.model().config().vocabSize();
        int window = session.capacity();
        KernelOps ops = Kernels.ops();
        float[] out = new float[ids.length - 1];
        float[] row = new float[v];
        int scored = 1; // the next target to score
        int start = 0;
        while (true) {
            int end = Math.min(start + window, ids.length);
            int first = scored;
            int base = start;
            session.reset();
            session.prefill(ids, start, end, (position, logits, offset) -> {
                int j = base + position + 1; // the token these logits predict
                if (j >= first && j < end) {
                    ops.logSoftmax(logits, offset, row, 0, v);
                    out[j - 1] = row[ids[j]];
                    if (argmax != null) argmax[j - 1] = nextword.model.Sampler.argmax(row);
                }
            });
            scored = end;
            if (end == ids.length) return out;
            start = end - window / 2;
        }
    }
}
