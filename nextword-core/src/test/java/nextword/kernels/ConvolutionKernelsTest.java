package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvolutionKernelsTest {

    private static final KernelOps K = Kernels.ops();

    @Test
    void im2colPicksThePixelsEachPositionSees() {
        // one 3×3 channel, 2×2 kernel, stride 1, padding 1 → 4×4 positions
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] cols = new float[4 * 16];
        K.im2col(x, 0, cols, 1, 1, 3, 3, 2, 2, 1, 1);
        // kernel offset (0, 0) sees the pixel up-left of each position: padding on the top row and left column
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9}, java.util.Arrays.copyOf(cols, 16));
        // offset (1, 1) sees the pixel itself
        assertArrayEquals(new float[] {1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(cols, 48, 64));
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        // ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for any x, c: the backward pass is exactly the transpose
        SplittableRandom rng = new SplittableRandom(2);
        int images = 2;
        int ch = 3;
        int h = 7;
        int w = 5;
        int k = 3;
        int stride = 2;
        int pad = 1;
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        float[] x = new float[images * ch * h * w + 1];
        float[] c = new float[ch * k * k * images * oh * ow];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < c.length; i++) c[i] = (float) rng.nextDouble(-1, 1);
        float[] cols = new float[c.length];
        K.im2col(x, 1, cols, images, ch, h, w, k, k, stride, pad);
        float[] back = new float[x.length];
        K.col2im(c, back, 1, images, ch, h, w, k, k, stride, pad);
        double left = 0;
        double right = 0;
        for (int i = 0; i < c.length; i++) left += cols[i] * c[i];
        for (int i = 1; i < x.length; i++) right += x[i] * back[i];
        assertEquals(left, right, 1e-4);
        assertEquals(0f, back[0], "nothing written before the offset");
    }

    @Test
    void batchColumnsGoImageByImage() {
        // two 1-channel 2×2 images, 1×1 kernel: row 0 is image 0's pixels, then image 1's
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] cols = new float[8];
        K.im2col(x, 0, cols, 2, 1, 2, 2, 1, 1, 1, 0);
        assertArrayEquals(x, cols);
        // two channels of one image, 1×1 kernel: one row per channel
        K.im2col(x, 0, cols, 1, 2, 2, 2, 1, 1, 1, 0);
        assertArrayEquals(x, cols);
    }

    @Test
    void maxPoolRemembersWhereTheMaximumWas() {
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] out = new float[4];
        int[] argmax = new int[4];
        K.maxPool2d(x, 0, out, 0, argmax, 1, 3, 3, 2, 1);
        assertArrayEquals(new float[] {4, 5, 7, 8}, out);
        assertArrayEquals(new int[] {4, 5, 7, 8}, argmax);
        float[] dx = new float[9];
        K.maxPool2dBackward(new float[] {1, 2, 3, 4}, 0, argmax, dx, 0, 4);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 3, 4}, dx);
    }
}
