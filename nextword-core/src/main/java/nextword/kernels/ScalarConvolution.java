package nextword.kernels;

/**
 * The plain-loop specification of the image kernels: im2col turns a convolution into one matrix product,
 * and max pooling remembers where each maximum came from. Beside {@link ScalarKernels} for the same reason
 * as {@link ScalarPointwise}: KernelOps offers them as defaults.
 */
final class ScalarConvolution {

    private ScalarConvolution() {}

    static int outputSize(int in, int kernel, int stride, int pad) {
        return (in + 2 * pad - kernel) / stride + 1;
    }

    static void im2col(float[] x, int xo, float[] cols, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        unfold(x, xo, cols, true, images, channels, height, width, kh, kw, stride, pad);
    }

    static void col2im(float[] cols, float[] dx, int dxo, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        unfold(dx, dxo, cols, false, images, channels, height, width, kh, kw, stride, pad);
    }

    /**
     * Walks every (kernel offset, image, output position) triple once: forward copies the pixel it sees into
     * cols (zero in the padding); backward adds cols back onto that pixel. One walk, so the two stay adjoint.
     */
    private static void unfold(float[] image, int io, float[] cols, boolean forward, int images, int channels, int height, int width,
                               int kh, int kw, int stride, int pad) {
        int oh = outputSize(height, kh, stride, pad);
        int ow = outputSize(width, kw, stride, pad);
        int row = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++, row++) {
                    for (int n = 0; n < images; n++) {
                        for (int y = 0; y < oh; y++) {
                            int sy = y * stride + i - pad;
                            for (int z = 0; z < ow; z++) {
                                int sx = z * stride + j - pad;
                                int col = ((row * images + n) * oh + y) * ow + z;
                                boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                                int pixel = io + ((n * channels + c) * height + sy) * width + sx;
                                if (forward) cols[col] = inside ? image[pixel] : 0f;
                                else if (inside) image[pixel] += cols[col];
                            }
                        }
                    }
                }
            }
        }
    }

    static void maxPool2d(float[] x, int xo, float[] out, int oo, int[] argmax, int planes, int height, int width,
                          int k, int stride) {
        int oh = outputSize(height, k, stride, 0);
        int ow = outputSize(width, k, stride, 0);
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < ow; z++) {
                    int best = (p * height + y * stride) * width + z * stride;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            int at = (p * height + y * stride + i) * width + z * stride + j;
                            if (x[xo + at] > x[xo + best]) best = at;
                        }
                    }
                    int o = (p * oh + y) * ow + z;
                    out[oo + o] = x[xo + best];
                    argmax[o] = best;
                }
            }
        }
    }

    static void maxPool2dBackward(float[] dout, int doo, int[] argmax, float[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) dx[dxo + argmax[i]] += dout[doo + i];
    }

    static void filterProduct(float[] a, int ao, int rowStride, int kStride, float[] b, float[] c, int m, int k, int n) {
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ao + r * rowStride + p * kStride] * b[p * n + j];
                c[r * n + j] = s;
            }
        }
    }

    static void filterGradient(float[] dy, float[] cols, float[] g, int go, int m, int k, int n) {
        for (int f = 0; f < m; f++) {
            for (int p = 0; p < k; p++) {
                float s = 0f;
                for (int j = 0; j < n; j++) s += dy[f * n + j] * cols[p * n + j];
                g[go + f * k + p] += s;
            }
        }
    }
}
