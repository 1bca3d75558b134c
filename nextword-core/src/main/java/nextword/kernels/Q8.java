package nextword.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 8-bit format (like llama.cpp's Q8_0): numbers in blocks of {@value #BLOCK}, each block stored as one
 * float32 scale d = max|x| / 127 and {@value #BLOCK} integers q = round(x / d) in [−127, 127], so x ≈ q·d.
 * Keeping q off −128 lets two products of int8 numbers add up inside a 16-bit integer.
 */
public final class Q8 {

    /** Numbers per block, each block with its own scale. */
    public static final int BLOCK = 32;

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

    /** The same for weights: one row of k numbers into k bytes at q[qo…] and k/32 little-endian float scales at s[so…]. */
    public static void quantizeRow(float[] x, int xo, int k, MemorySegment q, long qo, MemorySegment s, long so) {
        checkBlocks(k);
        for (int b = 0; b < k / BLOCK; b++) {
            int o = xo + b * BLOCK;
            float d = scale(x, o);
            s.set(SCALE, so + 4L * b, d);
            float inv = d == 0f ? 0f : 1f / d;
            for (int i = 0; i < BLOCK; i++) q.set(ValueLayout.JAVA_BYTE, qo + (long) b * BLOCK + i, (byte) round(x[o + i] * inv));
        }
    }

    /** Row r of a Q8 matrix with k columns, back to float: out[oo + p] = q(r, p) · scale(r, p/32). */
    public static void dequantizeRow(MemorySegment q, MemorySegment scales, int k, int r, float[] out, int oo) {
        long qo = (long) r * k;
        long so = (long) r * (k / BLOCK) * 4;
        for (int p = 0; p < k; p++) {
            out[oo + p] = q.get(ValueLayout.JAVA_BYTE, qo + p) * scales.get(SCALE, so + 4L * (p / BLOCK));
        }
    }

    /** Bytes one row of k weights takes: k int8 and k/32 float32 scales. */
    public static long rowBytes(int k) {
        return k + 4L * (k / BLOCK);
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
