package nextword.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 8-bit format (like llama.cpp's Q8_0): numbers in blocks of {@value #BLOCK}, each block stored as one
 * float32 scale d = max|x| / 127 and {@value #BLOCK} integers q = round(x / d) in [−127, 127], so x ≈ q·d.
 * Keeping q off −128 lets two products of 8-bit numbers add up inside a 16-bit lane.
 *
 * <p><b>Weights</b> (k inputs × n outputs, blocks along the inputs of each output) are laid out in column
 * panels of {@value #PANEL} outputs, so that a matrix-vector product streams each panel once with its 32
 * sums in registers, as the float32 panels do. In a panel, each pair of inputs (2t, 2t+1) fills one 64-byte
 * line: the weights of output j for inputs 2t and 2t+1 side by side at bytes 2j and 2j+1. Byte offset of
 * W(p, j) in q: {@code (panel·k/2 + p/2)·64 + 2·(j mod 32) + p mod 2}, panel = j / 32. Scales: for each
 * panel and block b, 32 little-endian floats, one per output: float index {@code (panel·k/32 + b)·32 + j mod 32}.
 * n is padded with zero weights to whole panels.
 *
 * <p><b>Activations</b> are quantized per block too, once per vector ({@link #quantize}), and each pair of
 * them packed into one int ({@link #pairs}) so that a single broadcast feeds a whole line of weights.
 */
public final class Q8 {

    /** Numbers per block, each block with its own scale. */
    public static final int BLOCK = 32;
    /** Outputs per panel. */
    public static final int PANEL = 32;

    static final ValueLayout.OfFloat SCALE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Q8() {}

    /**
     * Quantizes x[xo, xo+n) (n a multiple of {@value #BLOCK}) into xq[xqo…] and xs[xso…]: the activation
     * side of a product, done once per vector. Rounds half away from zero in float arithmetic.
     */
    public static void quantize(float[] x, int xo, int n, short[] xq, int xqo, float[] xs, int xso) {
        checkBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            int o = xo + b * BLOCK;
            float d = scale(x, o);
            xs[xso + b] = d;
            float inv = d == 0f ? 0f : 1f / d;
            for (int i = 0; i < BLOCK; i++) xq[xqo + b * BLOCK + i] = (short) round(x[o + i] * inv);
        }
    }

    /** pairs[po + t] = xq[xqo + 2t] in the low 16 bits, xq[xqo + 2t + 1] in the high 16 bits, for t &lt; n/2. */
    public static void pairs(short[] xq, int xqo, int n, int[] pairs, int po) {
        for (int t = 0; t < n / 2; t++) pairs[po + t] = (xq[xqo + 2 * t + 1] << 16) | (xq[xqo + 2 * t] & 0xFFFF);
    }

    /** Panels a matrix with n outputs takes. */
    public static int panels(int n) {
        return (n + PANEL - 1) / PANEL;
    }

    /** Bytes of 8-bit weights of one panel with k inputs. */
    public static long panelBytes(int k) {
        return 32L * k;
    }

    /** Bytes of scales of one panel with k inputs. */
    public static long panelScaleBytes(int k) {
        return 4L * (k / BLOCK) * PANEL;
    }

    /** Byte offset of W(p, j) in the weights. */
    static long offset(int k, int p, int j) {
        return ((long) (j / PANEL) * (k / 2) + p / 2) * 64 + 2 * (j % PANEL) + p % 2;
    }

    /** Byte offset of the scale of output j's block b. */
    static long scaleOffset(int k, int b, int j) {
        return 4 * (((long) (j / PANEL) * (k / BLOCK) + b) * PANEL + j % PANEL);
    }

    /** Quantizes output j's k weights w[wo + p·stride] (p &lt; k) into its places in q and s. */
    public static void quantizeOutput(float[] w, int wo, int stride, int k, int j, MemorySegment q, MemorySegment s) {
        checkBlocks(k);
        float[] block = new float[BLOCK];
        for (int b = 0; b < k / BLOCK; b++) {
            for (int i = 0; i < BLOCK; i++) block[i] = w[wo + (b * BLOCK + i) * stride];
            float d = scale(block, 0);
            s.set(SCALE, scaleOffset(k, b, j), d);
            float inv = d == 0f ? 0f : 1f / d;
            for (int i = 0; i < BLOCK; i++) q.set(ValueLayout.JAVA_BYTE, offset(k, b * BLOCK + i, j), (byte) round(block[i] * inv));
        }
    }

    /** Output j's k weights back to float: out[oo + p] = q(p, j) · scale. */
    public static void dequantizeOutput(MemorySegment q, MemorySegment s, int k, int j, float[] out, int oo) {
        for (int p = 0; p < k; p++) out[oo + p] = q.get(ValueLayout.JAVA_BYTE, offset(k, p, j)) * s.get(SCALE, scaleOffset(k, p / BLOCK, j));
    }

    /** Refuses a length that is not whole blocks. */
    public static void checkBlocks(int n) {
        if (n % BLOCK != 0) throw new IllegalArgumentException("8-bit blocks need a multiple of " + BLOCK + " numbers, got " + n);
    }

    private static float scale(float[] x, int o) {
        float amax = 0f;
        for (int i = 0; i < BLOCK; i++) amax = Math.max(amax, Math.abs(x[o + i]));
        return amax / 127f;
    }

    private static int round(float v) {
        return (int) (v + Math.copySign(0.5f, v));
    }
}
