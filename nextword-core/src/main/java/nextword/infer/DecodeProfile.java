package nextword.infer;

/**
 * Where a decoded token's time goes: wall time per stage of the forward pass and the weight bytes each product
 * stage reads, summed over the tokens a {@link Session} decodes while it holds this profile
 * ({@link Session#profile}). A product's time runs until the last thread of the team has finished its share,
 * so a thread the machine took away mid-product shows up here as a slow product.
 */
public final class DecodeProfile {

    /** The stages of one token, in the order they run within a block. */
    public enum Stage {
        QKV("query, key, value product"),
        ATTENTION("attention over the cache"),
        ATTENTION_PROJECTION("attention output product"),
        MLP_UP("MLP up product (4C)"),
        MLP_DOWN("MLP down product"),
        LOGITS("logits product (vocabulary)"),
        OTHER("LayerNorm, GELU, residuals, biases");

        public final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    private static final Stage[] STAGES = Stage.values();
    private final long[] nanos = new long[STAGES.length];
    private final long[] bytes = new long[STAGES.length];
    private long tokens;
    private long last;

    /** A token begins: time from here on is charged to the stages it passes. */
    void start() {
        last = System.nanoTime();
    }

    /** The time since the last mark was spent in stage s, reading {@code weightBytes} of weights. */
    void mark(Stage s, long weightBytes) {
        long now = System.nanoTime();
        nanos[s.ordinal()] += now - last;
        bytes[s.ordinal()] += weightBytes;
        last = now;
    }

    void tokenDone() {
        tokens++;
    }

    /** Tokens decoded so far under this profile. */
    public long tokens() {
        return tokens;
    }

    /** Milliseconds per token spent in stage s. */
    public double millisPerToken(Stage s) {
        return tokens == 0 ? 0 : nanos[s.ordinal()] / 1e6 / tokens;
    }

    /** Weight bytes per token that stage s reads (0 for the stages that are not products). */
    public double bytesPerToken(Stage s) {
        return tokens == 0 ? 0 : (double) bytes[s.ordinal()] / tokens;
    }
}
