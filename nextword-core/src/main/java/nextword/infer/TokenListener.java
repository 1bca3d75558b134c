package nextword.infer;

/** Receives a generation as it happens, on the generating thread. */
@FunctionalInterface
public interface TokenListener {

    /** One more token; return false to stop generating (the generation finishes as CANCELLED). */
    boolean onToken(GeneratedToken token);

    /** Text held back until the end (a would-be stop string that was not one, an incomplete character). */
    default void onTail(String text) {}
}
