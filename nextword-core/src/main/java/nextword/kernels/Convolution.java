package nextword.kernels;

import java.util.Arrays;

/**
 * The fast image kernels: im2col, col2im and max pooling with the same results as {@link ScalarConvolution}
 * (bit for bit: they move numbers, and col2im adds onto each pixel in the spec's order), but copying whole
 * runs of a row at a time instead of testing every pixel against the padding, and spread over the threads
 * by independent outputs.
 */
final class Convolution {

    /** Enough pixels per task that forking pays. */
    private static final int GRAIN_PIXELS = 16 * 1024;

    private Convolution() {}

    static void im2col(float[] x, int xo, float[] cols, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        int oh = ScalarConvolution.outputSize(height, kh, stride, pad);
        int ow = ScalarConvolution.outputSize(width, kw, stride, pad);
        int positions = oh * ow;
        // One task item per (kernel row, image): each writes its own block of cols.
        Parallel.range(channels * kh * kw * images, grain(positions), (from, to) -> {
            for (int item = from; item < to; item++) {
                int row = item / images;
                int n = item % images;
                int c = row / (kh * kw);
                int i = row / kw % kh;
                int j = row % kw;
                int plane = xo + (n * channels + c) * height * width;
                int zlo = firstInside(j, stride, pad, ow);
                int zhi = lastInside(j, stride, pad, width, ow);
                for (int y = 0; y < oh; y++) {
                    int dst = item * positions + y * ow;
                    int sy = y * stride + i - pad;
                    if (sy < 0 || sy >= height || zlo >= zhi) {
                        Arrays.fill(cols, dst, dst + ow, 0f);
                        continue;
                    }
                    int src = plane + sy * width + j - pad;
                    for (int z = 0; z < zlo; z++) cols[dst + z] = 0f;
                    // runs are short (a row of a small image): a plain loop beats arraycopy's call
                    if (stride == 1) for (int z = zlo; z < zhi; z++) cols[dst + z] = x[src + z];
                    else for (int z = zlo; z < zhi; z++) cols[dst + z] = x[src + z * stride];
                    for (int z = zhi; z < ow; z++) cols[dst + z] = 0f;
                }
            }
        });
    }

    static void col2im(float[] cols, float[] dx, int dxo, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        int oh = ScalarConvolution.outputSize(height, kh, stride, pad);
        int ow = ScalarConvolution.outputSize(width, kw, stride, pad);
        int positions = oh * ow;
        // One task item per (image, channel) plane: only that plane's kernel rows write to it, in spec order.
        Parallel.range(images * channels, grain(kh * kw * positions), (from, to) -> {
            for (int item = from; item < to; item++) {
                int n = item / channels;
                int c = item % channels;
                int plane = dxo + item * height * width;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = (c * kh + i) * kw + j;
                        int zlo = firstInside(j, stride, pad, ow);
                        int zhi = lastInside(j, stride, pad, width, ow);
                        for (int y = 0; y < oh; y++) {
                            int sy = y * stride + i - pad;
                            if (sy < 0 || sy >= height) continue;
                            int src = ((row * images + n) * oh + y) * ow;
                            int dst = plane + sy * width + j - pad;
                            if (stride == 1) for (int z = zlo; z < zhi; z++) dx[dst + z] += cols[src + z];
                            else for (int z = zlo; z < zhi; z++) dx[dst + z * stride] += cols[src + z];
                        }
                    }
                }
            }
        });
    }

    static void maxPool2d(float[] x, int xo, float[] out, int oo, int[] argmax, int planes, int height, int width,
                          int k, int stride) {
        int oh = ScalarConvolution.outputSize(height, k, stride, 0);
        int ow = ScalarConvolution.outputSize(width, k, stride, 0);
        Parallel.range(planes, grain(oh * ow * k * k), (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        int corner = (p * height + y * stride) * width + z * stride;
                        int best = corner;
                        float max = x[xo + best];
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int at = corner + i * width + j;
                                // strictly greater: the first maximum wins, as in the spec
                                if (x[xo + at] > max) {
                                    max = x[xo + at];
                                    best = at;
                                }
                            }
                        }
                        int o = (p * oh + y) * ow + z;
                        out[oo + o] = max;
                        argmax[o] = best;
                    }
                }
            }
        });
    }

    /** The first output column whose pixel at kernel column j lies inside the image (not in the left padding). */
    private static int firstInside(int j, int stride, int pad, int ow) {
        int z = 0;
        while (z < ow && z * stride + j - pad < 0) z++;
        return z;
    }

    /** One past the last output column whose pixel at kernel column j lies inside the image. */
    private static int lastInside(int j, int stride, int pad, int width, int ow) {
        int z = ow;
        while (z > 0 && (z - 1) * stride + j - pad >= width) z--;
        return z;
    }

    private static int grain(int workPerItem) {
        return Math.max(1, GRAIN_PIXELS / Math.max(1, workPerItem));
    }
}
