package nextword.infer;

/** Why a generation ended. */
public enum FinishReason {
    /** It generated the most tokens it was allowed. */
    LENGTH,
    /** A stop string appeared. */
    STOP,
    /** The model produced {@code <|endoftext|>}. */
    END_OF_TEXT,
    /** The listener or the caller asked it to stop. */
    CANCELLED
}
