package nextword.lab.parens;

import java.util.Arrays;
import java.util.SplittableRandom;
import nextword.train.Batches;

/**
 * Training examples for the parentheses model: every row is one balanced sequence from its first token, its
 * end token, then padding the loss ignores (target −1), so the model always sees a sequence whole and can
 * count. Lengths are even and uniform up to the row length; the chance of opening is drawn per sequence
 * from [0.35, 0.8], so shallow and deep nestings both occur. Sequence i is a function of (seed, i) alone,
 * so the position a checkpoint stores is just the count of sequences drawn.
 */
public final class ParenBatches implements Batches {

    private final int maxDepth;
    private final long seed;
    private long drawn;

    public ParenBatches(int maxDepth, long seed) {
        if (maxDepth < 1) throw new IllegalArgumentException("the depth must be at least 1");
        this.maxDepth = maxDepth;
        this.seed = seed;
    }

    @Override
    public void next(int[] inputs, int[] targets, int b, int t) {
        if (t < 2) throw new IllegalArgumentException("rows of parentheses need at least 2 positions");
        for (int row = 0; row < b; row++) {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * ++drawn));
            int length = 2 * (1 + random.nextInt(t / 2));
            int[] s = Parens.random(random, length, maxDepth, 0.35 + 0.45 * random.nextDouble());
            int o = row * t;
            Arrays.fill(inputs, o, o + t, Parens.END);
            Arrays.fill(targets, o, o + t, -1);
            for (int i = 0; i < length; i++) {
                inputs[o + i] = s[i];
                targets[o + i] = i + 1 < length ? s[i + 1] : Parens.END;
            }
        }
    }

    @Override
    public long state() {
        return drawn;
    }

    @Override
    public void restore(long state) {
        this.drawn = state;
    }
}
