package nextword.ngram;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * How the next token is picked from a distribution. Temperature reshapes it (p^(1/T), renormalised): 1
 * keeps it, below 1 sharpens it toward the likeliest tokens, 0 always takes the likeliest, above 1
 * flattens it. topK, when positive, first keeps only the K likeliest tokens.
 */
public record Sampling(double temperature, int topK) {

    public Sampling {
        if (!(temperature >= 0) || !Double.isFinite(temperature)) throw new IllegalArgumentException("temperature must be a number ≥ 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("top-k must be ≥ 0 (0 keeps every token), got " + topK);
    }

    /** Plain sampling: temperature 1, every token. */
    public static Sampling plain() {
        return new Sampling(1, 0);
    }

    /** An index drawn from probabilities p (not necessarily normalised), using only rng for randomness. */
    public int pick(double[] p, RandomGenerator rng) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        if (!(p[best] > 0)) throw new IllegalArgumentException("nothing to sample: every probability is 0");
        if (temperature == 0) return best;
        double threshold = 0;
        int ties = Integer.MAX_VALUE;
        if (topK > 0 && topK < p.length) {
            double[] sorted = p.clone();
            Arrays.sort(sorted);
            threshold = sorted[p.length - topK];
            ties = 0; // how many tokens equal to the threshold may still be kept
            for (int i = p.length - topK; i < p.length && sorted[i] == threshold; i++) ties++;
        }
        double[] w = new double[p.length];
        double logMax = Math.log(p[best]) / temperature;
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0) || p[i] < threshold) continue;
            if (p[i] == threshold && threshold > 0 && ties-- <= 0) continue;
            w[i] = Math.exp(Math.log(p[i]) / temperature - logMax);
            sum += w[i];
        }
        double u = rng.nextDouble() * sum;
        int last = best;
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0) continue;
            last = i;
            u -= w[i];
            if (u < 0) return i;
        }
        return last;
    }
}
