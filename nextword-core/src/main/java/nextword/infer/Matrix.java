package nextword.infer;

/**
 * A weight matrix as inference reads it: a linear map y = x·W from {@link #inputs()} numbers to
 * {@link #outputs()} numbers, stored off-heap in a layout made for streaming it once per token. Immutable
 * and safe to share between sessions; the scratch a product needs belongs to the caller.
 */
sealed interface Matrix permits PanelMatrix, Q8Matrix {

    int inputs();

    int outputs();

    /** Bytes a matrix-vector product reads. */
    long bytes();

    /** The units a matrix-vector product is split into for threads (panels or rows), and how many to a task. */
    int units();

    int grain();

    /**
     * A grain of whole panels for a task of at least {@code weightsPerTask} weights, rounded up to an even
     * number: both kernels read panels in pairs, and a chunk's lone panel would lose the pairing.
     */
    static int pairedPanels(int weightsPerTask, int weightsPerPanel) {
        return (Math.max(1, weightsPerTask / weightsPerPanel) + 1) & ~1;
    }

    /** Turns x into what {@link #matVec} reads (8-bit blocks for a Q8 matrix; nothing for float32). */
    void prepare(float[] x, int xo, Scratch s);

    /** y[yo + j] = (x·W)[j] for the outputs of units [from, to), after {@link #prepare}. */
    void matVec(float[] x, int xo, Scratch s, float[] y, int yo, int from, int to);

    /** y(m, outputs) = x(m, inputs) · W, overwritten, parallel inside. */
    void matMul(float[] x, int m, Scratch s, float[] y);

    /** The weights into output j as floats (a row of the token embedding, read for a token's lookup). */
    void weightsInto(int j, float[] out, int oo);

    /** Per-session buffers for 8-bit activations: rows × inputs quantized numbers, their pairs and scales. */
    final class Scratch {
        short[] q = new short[0];
        int[] pairs = new int[0];
        float[] scales = new float[0];

        void ensure(int rows, int inputs) {
            int numbers = rows * inputs;
            if (q.length < numbers) {
                q = new short[numbers];
                pairs = new int[numbers / 2];
                scales = new float[numbers / nextword.kernels.Q8.BLOCK];
            }
        }
    }
}
