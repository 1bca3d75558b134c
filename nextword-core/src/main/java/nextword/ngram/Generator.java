package nextword.ngram;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import nextword.tokenize.Tokenizer;

/**
 * Writes text one token at a time, as the essay's n-gram models do: look at the last N−1 tokens, get the
 * model's probabilities for the next one, pick one, repeat. A picked &lt;/s&gt; ends the segment and the
 * next one starts after a fresh &lt;s&gt;. The same model, seed, sampling and random generator state give the
 * same tokens.
 */
public final class Generator {

    private Generator() {}

    /**
     * count new ids continuing seed (which is read as following &lt;s&gt;); &lt;/s&gt; among them is
     * {@code model.eos()}. never: ids not to write, such as a word model's unknown word.
     */
    public static int[] generate(NgramModel model, int[] seed, int count, Sampling sampling, RandomGenerator rng, int... never) {
        int keep = model.order() - 1;
        int[] history = new int[seed.length + 1];
        history[0] = model.bos();
        System.arraycopy(seed, 0, history, 1, seed.length);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int[] context = Arrays.copyOfRange(history, Math.max(0, history.length - keep), history.length);
            double[] p = model.distribution(context);
            for (int id : never) p[id] = 0;
            int next = sampling.pick(p, rng);
            out[i] = next;
            if (next == model.eos()) {
                history = new int[] {model.bos()};
            } else {
                history = Arrays.copyOf(context, context.length + 1);
                history[context.length] = next;
            }
        }
        return out;
    }

    /** The text of ids, each &lt;/s&gt; (id V) as a line break. */
    public static String decode(Tokenizer tokenizer, int[] ids) {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || ids[i] == tokenizer.vocabSize()) {
                text.append(tokenizer.decode(Arrays.copyOfRange(ids, start, i)));
                if (i < ids.length) text.append('\n');
                start = i + 1;
            }
        }
        return text.toString();
    }
}
