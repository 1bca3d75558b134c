package nextword.train;

import nextword.data.TokenFile;

/**
 * Batches cut from one long run of tokens: each row is a window of t + 1 consecutive tokens, its first t
 * the inputs and its last t the targets. Training draws windows at random offsets (a SplitMix64 sequence
 * whose whole state is one long, so a checkpoint can store it); validation takes a fixed number of windows
 * spread evenly over the tokens, so that it samples all of a held-out split, not just its first document.
 */
public final class TokenWindows implements Batches {

    /** Where the tokens are: an array in memory or a split of a memory-mapped token file. */
    private interface Source {
        long size();

        void read(long from, int[] dst, int offset, int n);
    }

    private final Source tokens;
    private final int spread; // 0: random windows; else the number of evenly spaced windows
    private long state;

    private TokenWindows(Source tokens, int spread, long state) {
        this.tokens = tokens;
        this.spread = spread;
        this.state = state;
    }

    /** Windows at seeded random offsets of an array. */
    public static TokenWindows random(int[] tokens, long seed) {
        return new TokenWindows(of(tokens), 0, seed);
    }

    /** The given number of windows, evenly spaced over an array, then the same ones again. */
    public static TokenWindows spread(int[] tokens, int windows) {
        return new TokenWindows(of(tokens), checkWindows(windows), 0);
    }

    /** Windows at seeded random offsets of a token file's split. */
    public static TokenWindows random(TokenFile.Split split, long seed) {
        return new TokenWindows(of(split), 0, seed);
    }

    /** The given number of windows, evenly spaced over a token file's split, then the same ones again. */
    public static TokenWindows spread(TokenFile.Split split, int windows) {
        return new TokenWindows(of(split), checkWindows(windows), 0);
    }

    private static int checkWindows(int windows) {
        if (windows < 1) throw new IllegalArgumentException("need at least one window, got " + windows);
        return windows;
    }

    private static Source of(int[] tokens) {
        return new Source() {
            public long size() {
                return tokens.length;
            }

            public void read(long from, int[] dst, int offset, int n) {
                System.arraycopy(tokens, (int) from, dst, offset, n);
            }
        };
    }

    private static Source of(TokenFile.Split split) {
        return new Source() {
            public long size() {
                return split.size();
            }

            public void read(long from, int[] dst, int offset, int n) {
                split.read(from, dst, offset, n);
            }
        };
    }

    /** How many tokens there are. */
    public long size() {
        return tokens.size();
    }

    @Override
    public void next(int[] inputs, int[] targets, int b, int t) {
        long starts = tokens.size() - t; // a window needs t + 1 tokens
        if (starts < 1) throw new IllegalArgumentException("only " + tokens.size() + " tokens: too few for windows of " + (t + 1));
        for (int row = 0; row < b; row++) {
            long start;
            if (spread == 0) {
                start = Long.remainderUnsigned(splitMix(), starts);
            } else {
                start = state % spread * Math.max(1, starts / spread) % starts;
                state++;
            }
            tokens.read(start, inputs, row * t, t);
            tokens.read(start + 1, targets, row * t, t);
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
