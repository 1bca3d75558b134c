package nextword.train;

/**
 * Batches cut from one long array of tokens: each row is a window of t + 1 consecutive tokens, its first t
 * the inputs and its last t the targets. Training draws windows at random offsets (a SplitMix64 sequence
 * whose whole state is one long, so a checkpoint can store it); validation walks the tokens in order.
 */
public final class TokenWindows implements Batches {

    private final int[] tokens;
    private final boolean random;
    private long state;

    private TokenWindows(int[] tokens, boolean random, long state) {
        this.tokens = tokens;
        this.random = random;
        this.state = state;
    }

    /** Windows at seeded random offsets. */
    public static TokenWindows random(int[] tokens, long seed) {
        return new TokenWindows(tokens, true, seed);
    }

    /** Consecutive windows from the start, wrapping around at the end. */
    public static TokenWindows inOrder(int[] tokens) {
        return new TokenWindows(tokens, false, 0);
    }

    /** How many tokens there are. */
    public int size() {
        return tokens.length;
    }

    @Override
    public void next(int[] inputs, int[] targets, int b, int t) {
        int starts = tokens.length - t; // a window needs t + 1 tokens
        if (starts < 1) throw new IllegalArgumentException("only " + tokens.length + " tokens: too few for windows of " + (t + 1));
        for (int row = 0; row < b; row++) {
            int start;
            if (random) {
                start = (int) Long.remainderUnsigned(splitMix(), starts);
            } else {
                if (state + t >= tokens.length) state = 0;
                start = (int) state;
                state += t;
            }
            System.arraycopy(tokens, start, inputs, row * t, t);
            System.arraycopy(tokens, start + 1, targets, row * t, t);
        }
    }

    /** SplitMix64 (Steele, Lea and Flood 2014): a Weyl sequence through a bit mixer. */
    private long splitMix() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long state() {
        return state;
    }

    @Override
    public void restore(long state) {
        this.state = state;
    }
}
