package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast image kernels give exactly the spec's numbers, on awkward shapes, strides and paddings. */
class FastConvolutionTest {

    private static final KernelOps SPEC = new ScalarKernels();

    @Test
    void im2colAndCol2imMatchTheSpecBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        int[][] cases = { // images, channels, height, width, kh, kw, stride, pad
                {1, 1, 5, 5, 3, 3, 1, 1}, {3, 2, 7, 6, 5, 5, 1, 2}, {2, 3, 9, 4, 3, 2, 2, 1},
                {4, 1, 8, 8, 1, 1, 1, 0}, {2, 2, 5, 7, 4, 3, 3, 0}, {1, 2, 3, 3, 5, 5, 1, 3}, {5, 4, 14, 14, 5, 5, 1, 2},
                {1, 1, 2, 2, 5, 5, 1, 2}, {2, 1, 4, 9, 3, 5, 1, 2}, {3, 2, 6, 6, 3, 3, 1, 1}};
        for (int[] c : cases) {
            int oh = (c[2] + 2 * c[7] - c[4]) / c[6] + 1;
            int ow = (c[3] + 2 * c[7] - c[5]) / c[6] + 1;
            float[] x = random(rng, 3 + c[0] * c[1] * c[2] * c[3]);
            int colsSize = c[1] * c[4] * c[5] * c[0] * oh * ow;
            float[] expected = new float[colsSize];
            float[] actual = random(rng, colsSize); // stale values must be overwritten, padding zeroed
            SPEC.im2col(x, 3, expected, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
            Convolution.im2col(x, 3, actual, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
            assertArrayEquals(expected, actual, "im2col " + java.util.Arrays.toString(c));

            float[] dcols = random(rng, colsSize);
            float[] dxExpected = random(rng, x.length);
            float[] dxActual = dxExpected.clone();
            SPEC.col2im(dcols, dxExpected, 3, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
            Convolution.col2im(dcols, dxActual, 3, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
            assertArrayEquals(dxExpected, dxActual, "col2im " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void maxPoolMatchesTheSpecIncludingTies() {
        SplittableRandom rng = new SplittableRandom(8);
        // planes, h, w, k, stride; the 2×2 cases cover a row of outputs shorter than, equal to and longer than a vector
        int[][] cases = {{6, 28, 28, 2, 2}, {5, 14, 14, 2, 2}, {3, 7, 7, 2, 2}, {2, 5, 34, 2, 2}, {2, 4, 65, 2, 2}, {1, 2, 2, 2, 2},
                {3, 7, 5, 3, 1}, {2, 9, 9, 3, 2}, {1, 4, 4, 4, 4}};
        for (int[] c : cases) {
            float[] x = new float[1 + c[0] * c[1] * c[2]];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(4); // few values: many ties
            for (int i = 0; i < x.length; i += 37) x[i] = i % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY; // NaN never wins a compare
            int oh = (c[1] - c[3]) / c[4] + 1;
            int ow = (c[2] - c[3]) / c[4] + 1;
            float[] outSpec = new float[c[0] * oh * ow];
            float[] outFast = new float[outSpec.length];
            int[] argSpec = new int[outSpec.length];
            int[] argFast = new int[outSpec.length];
            SPEC.maxPool2d(x, 1, outSpec, 0, argSpec, c[0], c[1], c[2], c[3], c[4]);
            Convolution.maxPool2d(x, 1, outFast, 0, argFast, c[0], c[1], c[2], c[3], c[4]);
            assertArrayEquals(outSpec, outFast);
            assertArrayEquals(argSpec, argFast);
        }
    }

    @Test
    void reluMatchesTheSpecOnSpecialValues() {
        KernelOps fast = new PanamaKernels();
        float[] x = {-1f, 0f, -0f, 2.5f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1e-30f, -1e-30f, 3f, -3f, 0.5f,
                -7f, 8f, 9f, -10f, 11f, 12f, -13f};
        float[] a = new float[x.length];
        float[] b = new float[x.length];
        SPEC.relu(x, 0, a, 0, x.length);
        fast.relu(x, 0, b, 0, x.length);
        assertArrayEquals(a, b);
        float[] dout = new float[x.length];
        for (int i = 0; i < x.length; i++) dout[i] = i + 0.25f;
        float[] da = new float[x.length + 2];
        float[] db = new float[x.length + 2];
        java.util.Arrays.fill(da, 1f);
        java.util.Arrays.fill(db, 1f);
        SPEC.reluBackward(x, 0, dout, 0, da, 1, x.length);
        fast.reluBackward(x, 0, dout, 0, db, 1, x.length);
        assertArrayEquals(da, db);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.nextDouble(-1, 1);
        return a;
    }
}
