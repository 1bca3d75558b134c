package nextword.kernels;

import java.lang.foreign.MemorySegment;

/**
 * The hot loops of running a trained model: products against weights stored off-heap in the two layouts
 * inference reads fastest, and attention of one query over a KV cache. {@link ScalarInferenceKernels} is the
 * specification; the Vector API implementation agrees with it to float rounding (bit for bit where a
 * method says so).
 *
 * <p><b>Float32 panels.</b> A linear map y = x·W with k inputs and n outputs is stored as ⌈n/nr⌉ column
 * panels of nr outputs each: the float at byte {@code 4·((q·k + p)·nr + j)} is W(p, q·nr + j), zero past n.
 * A matrix-vector product then streams each panel once, keeping its nr sums in registers, and a
 * matrix-matrix product takes the panels as its packed operand without repacking them.
 *
 * <p><b>Q8 panels.</b> 8-bit weights in column panels of 32 outputs with a float32 scale per block of 32
 * inputs and output, laid out as {@link Q8} describes. Activations are quantized the same way
 * ({@link Q8#quantize}, {@link Q8#pairs}), so a block's dot product is an exact integer times two scales.
 *
 * <p>The {@code MatVec} methods fill a range of outputs and run on the caller's thread (callers split the
 * outputs over threads); the {@code MatMul} methods fill everything and parallelize inside. Weights are read
 * in native byte order (panels, which are always built in memory) or little-endian (Q8, which may be a
 * mapped file).
 */
public interface InferenceKernels {

    /** A short name for logs. */
    String name();

    /** The panel width nr this implementation's float32 panels must have. */
    int panelWidth();

    /** y[yo + j] = Σ_p x[xo + p] · W(p, j) for the outputs of panels [panel0, panel1), each an FMA chain in p order. */
    void panelMatVec(MemorySegment w, int k, int n, float[] x, int xo, float[] y, int yo, int panel0, int panel1);

    /**
     * y(m, n) = x(m, k) · W, row-major, overwritten. Each element is the same FMA chain in p order as
     * {@link #panelMatVec}, so a row comes out bit-identical whichever method computed it.
     */
    void panelMatMul(float[] x, int m, MemorySegment w, int k, int n, float[] y);

    /**
     * y[yo + j] = Σ_b (scale(b, j) · xs[xso + b]) · Σ_{p in block b} q(p, j) · x_p for the outputs j &lt; n of panels
     * [panel0, panel1), each block's sum an exact integer, the blocks added by FMAs in order; x_p comes packed in
     * pairs (xpairs[xpo + p/2], see {@link Q8#pairs}).
     */
    void q8MatVec(MemorySegment q, MemorySegment scales, int k, int n, int[] xpairs, int xpo, float[] xs, int xso,
                  float[] y, int yo, int panel0, int panel1);

    /**
     * y(m, n) = the {@link #q8MatVec} of each of m quantized activation rows (xq (m, k), their pairs (m, k/2),
     * xs (m, k/32)), overwritten: the same products of the same numbers, up to float rounding (many rows are
     * multiplied as floats, dequantized, which is faster than integer dot products one row at a time).
     */
    void q8MatMul(short[] xq, int[] xpairs, float[] xs, int m, MemorySegment q, MemorySegment scales, int k, int n, float[] y);

    /** y(rows, n) += bias in every row, in place (parallel over rows when there are many). */
    void addBias(float[] y, int rows, float[] bias, int n);

    /**
     * GELU (tanh form) of x[xo, xo + n) in place, by one formula at every size and for every element, so that a
     * position's activations come out the same whether it was decoded alone, in a batch or in a prompt.
     */
    void gelu(float[] x, int xo, int n);

    /** Positions per block of cached keys (see {@link #attend}). */
    int KEY_BLOCK = 64;

    /**
     * One attention head for one query over the first {@code len} cached positions:
     * scores[so + s] = scale · q·k_s, softmax over s, out[oo + d] = Σ_s score_s · v_s[d].
     * Keys are stored in blocks of {@link #KEY_BLOCK} positions, each block transposed: k_s[d] at
     * kT[ko + (s / 64)·64·hs + d·64 + s % 64], with zeros or any finite values past len in the last block, so that
     * a block's scores are wide vector FMAs over 64·hs contiguous floats. Values by position (v_s[d] at
     * v[vo + s·hs + d]). scores needs len rounded up to 64 floats from so.
     */
    void attend(float[] q, int qo, float[] kT, int ko, float[] v, int vo, int len, int hs, float scale,
                float[] scores, int so, float[] out, int oo);
}
