package nextword.infer;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.model.Sampler;

/**
 * Picks each next token from the logits as {@link SamplingOptions} say: penalties, temperature, then top-k,
 * top-p and min-p on the probabilities, then one draw. Works in buffers allocated once (no allocation per
 * token) and never sorts the whole vocabulary: top-k and top-p only order the few likeliest tokens.
 */
final class TokenSampler {

    private final SamplingOptions options;
    private final RandomGenerator random;
    private final KernelOps ops = Kernels.ops();
    private final float[] work;  // (V) penalized logits, then probabilities
    private final int[] order;   // candidate ids, likeliest first when sorted

    TokenSampler(int vocab, SamplingOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.work = new float[vocab];
        this.order = new int[vocab];
    }

    /** The next token after logits (left unchanged), penalizing the tokens in penalties' window. */
    int pick(float[] logits, Penalties penalties) {
        int v = work.length;
        System.arraycopy(logits, 0, work, 0, v);
        if (options.penalizes()) penalties.apply(work, options.repetitionPenalty(), options.presencePenalty(), options.frequencyPenalty());
        if (options.temperature() == 0f) return Sampler.argmax(work);
        // probabilities at the temperature: softmax(logits / T)
        ops.scale(work, 0, 1f / options.temperature(), v);
        ops.softmax(work, 0, v);
        int n = -1; // candidates in order[0, n); −1: every token, unordered
        double total = 1.0;
        if (options.topK() > 0 && options.topK() < v) {
            n = TopTokens.select(work, v, options.topK(), order);
            total = sum(n);
        }
        if (options.topP() < 1f) {
            if (n < 0) n = nucleusCandidates(options.topP());
            double cumulative = 0;
            double want = options.topP() * total;
            for (int i = 0; i < n; i++) {
                cumulative += work[order[i]];
                if (cumulative >= want) {
                    n = i + 1;
                    break;
                }
            }
            total = sum(n);
        }
        if (options.minP() > 0f) {
            float floor = options.minP() * (n < 0 ? ops.max(work, 0, v) : work[order[0]]);
            if (n < 0) {
                n = 0;
                for (int i = 0; i < v; i++) if (work[i] >= floor) order[n++] = i;
            } else {
                int kept = 0;
                while (kept < n && work[order[kept]] >= floor) kept++;
                n = kept;
            }
            total = sum(n);
        }
        return draw(n, total);
    }

    /** Enough of the likeliest tokens, ordered, to hold probability p: a few hundred usually, all at worst. */
    private int nucleusCandidates(float p) {
        int v = work.length;
        for (int m = Math.min(v, 256); ; m = Math.min(v, m * 8)) {
            int n = TopTokens.select(work, v, m, order);
            if (n == v || sum(n) >= p) return n;
        }
    }

    private double sum(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += work[order[i]];
        return s;
    }

    /** One token with probability ∝ work among the candidates (all tokens when n < 0). */
    private int draw(int n, double total) {
        double u = random.nextDouble() * total;
        double cumulative = 0;
        int last = -1;
        if (n < 0) {
            for (int i = 0; i < work.length; i++) {
                if (work[i] <= 0) continue;
                cumulative += work[i];
                last = i;
                if (u < cumulative) return i;
            }
        } else {
            for (int i = 0; i < n; i++) {
                cumulative += work[order[i]];
                last = order[i];
                if (u < cumulative) return order[i];
            }
        }
        // rounding left the sum just under u
        return last >= 0 ? last : Sampler.argmax(work);
    }
}
