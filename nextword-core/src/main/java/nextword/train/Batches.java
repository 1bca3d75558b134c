package nextword.train;

/**
 * Where training examples come from: each call fills b rows of t input tokens and, for every input, the
 * token that follows it. The trainer does not care whether they come from memory, a mapped file or a
 * stream, only that a source's position can be saved in a checkpoint and restored exactly.
 */
public interface Batches {

    /** Fills inputs and targets, (b, t) row-major each. */
    void next(int[] inputs, int[] targets, int b, int t);

    /** The position, as one number, from which {@link #restore} continues with the same batches. */
    long state();

    void restore(long state);
}
