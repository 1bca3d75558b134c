package nextword.model;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * Picks next tokens from a model, one at a time: the probabilities of every possible next token, bent by a
 * temperature (0 always takes the likeliest, 1 samples the model's own distribution, higher flattens it).
 * Each step recomputes the whole context; it is the simple loop, not the fast one.
 */
public final class Sampler {

    private final Gpt gpt;
    private final KernelOps ops = Kernels.ops();

    public Sampler(Gpt gpt) {
        this.gpt = gpt;
    }

    /**
     * The probability of every next token after context (its last contextLength tokens), at the given
     * temperature; temperature 0 gives the model's own (temperature 1) probabilities.
     */
    public float[] nextTokenProbabilities(int[] context, float temperature) {
        if (context.length == 0) throw new IllegalArgumentException("the context needs at least one token");
        int t = Math.min(context.length, gpt.config().contextLength());
        int v = gpt.config().vocabSize();
        gpt.forward(Arrays.copyOfRange(context, context.length - t, context.length), null, 1, t);
        float[] p = Arrays.copyOfRange(gpt.logits(), (t - 1) * v, t * v);
        if (temperature > 0) ops.scale(p, 0, 1f / temperature, v);
        ops.softmax(p, 0, v);
        return p;
    }

    /** One token drawn from probabilities, or the likeliest one when temperature is 0. */
    public static int pick(float[] probabilities, float temperature, RandomGenerator random) {
        if (temperature <= 0) return argmax(probabilities);
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        return argmax(probabilities); // rounding left the sum just under u
    }

    /** The prompt's continuation by n tokens. */
    public int[] continuation(int[] prompt, int n, float temperature, RandomGenerator random) {
        int[] seq = Arrays.copyOf(prompt, prompt.length + n);
        for (int i = prompt.length; i < seq.length; i++) {
            seq[i] = pick(nextTokenProbabilities(Arrays.copyOf(seq, i), temperature), temperature, random);
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    /** The k likeliest ids, likeliest first (the essay's table of next-token candidates). */
    public static int[] top(float[] probabilities, int k) {
        int n = Math.min(k, probabilities.length);
        int[] best = new int[n];
        int found = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (found == n && probabilities[i] <= probabilities[best[n - 1]]) continue;
            int at = found < n ? found++ : n - 1;
            while (at > 0 && probabilities[best[at - 1]] < probabilities[i]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        return best;
    }

    /** The index of the largest value (the first of ties). */
    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
