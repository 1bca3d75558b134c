package nextword.ngram;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random texts with structure (a Markov chain over a skewed vocabulary), for property tests. */
final class Corpora {

    private Corpora() {}

    /** segments of 0…maxLength ids drawn from the first `used` of the ids: a chain that prefers w → w+1. */
    static List<int[]> markov(long seed, int segments, int maxLength, int used) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            int[] ids = new int[rng.nextInt(maxLength + 1)];
            int w = rng.nextInt(used);
            for (int i = 0; i < ids.length; i++) {
                double u = rng.nextDouble();
                w = u < 0.5 ? (w + 1) % used : u < 0.8 ? (w * 3 + 1) % used : rng.nextInt(used);
                ids[i] = w;
            }
            out.add(ids);
        }
        return out;
    }

    static NgramCounts count(int order, int vocabSize, List<int[]> segments) {
        NgramCounter counter = new NgramCounter(order, vocabSize);
        for (int[] s : segments) counter.add(s);
        return counter.counts();
    }

    /** A random history: sometimes starting at &lt;s&gt;, of 0…maxLength ids from [0, vocabSize]. */
    static int[] history(SplittableRandom rng, int vocabSize, int maxLength) {
        int[] h = new int[rng.nextInt(maxLength + 1)];
        for (int i = 0; i < h.length; i++) h[i] = rng.nextInt(vocabSize);
        if (h.length > 0 && rng.nextBoolean()) h[0] = vocabSize + 1;
        return h;
    }
}
