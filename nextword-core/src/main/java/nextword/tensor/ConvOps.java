package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * 2-D convolution and max pooling over (N, C, H, W) images. A convolution unfolds the whole batch once
 * (im2col) and multiplies it by the filters in one product, so the matrix kernel sees one large problem
 * instead of N small ones.
 */
final class ConvOps {

    private static final KernelOps K = Kernels.ops();
    /**
     * Up to this many filters the products skip the general matrix kernel: with one side this small, its
     * packing of the unfolded images costs as much as the multiply (KernelOps.filterProduct).
     */
    private static final int FEW_FILTERS = 32;

    private ConvOps() {}

    /** (N, C, H, W) ⊛ (F, C, kh, kw) + (F) → (N, F, oh, ow). */
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int pad) {
        if (x.rank() != 4 || w.rank() != 4 || w.shape[1] != x.shape[1]) {
            throw new IllegalArgumentException("conv2d needs x (N, C, H, W) and weight (F, C, kh, kw), got "
                    + Shapes.str(x.shape) + " and " + Shapes.str(w.shape));
        }
        int n = x.shape[0];
        int c = x.shape[1];
        int h = x.shape[2];
        int wd = x.shape[3];
        int f = w.shape[0];
        int kh = w.shape[2];
        int kw = w.shape[3];
        int oh = outputSize(h, kh, stride, pad);
        int ow = outputSize(wd, kw, stride, pad);
        if (bias != null) Shapes.requireShape(bias, new int[] {f}, "conv2d bias");
        int patch = c * kh * kw;
        int positions = oh * ow;
        int columns = n * positions;
        // The big arrays come from the Recycler and go back to it: each is overwritten whole before it is read.
        float[] cols = Recycler.take(patch * columns);                   // (patch, N·L)
        K.im2col(x.data, x.offset, cols, n, c, h, wd, kh, kw, stride, pad);
        float[] y = Recycler.take(f * columns);                          // (F, N·L)
        boolean few = f <= FEW_FILTERS;
        if (few) K.filterProduct(w.data, w.offset, patch, 1, cols, y, f, patch, columns);
        else K.matmul(w.data, w.offset, cols, 0, y, 0, f, patch, columns, false);
        if (bias != null) for (int o = 0; o < f; o++) K.addScalar(y, o * columns, bias.data[bias.offset + o], columns);
        Tensor out = Tensor.zeros(n, f, oh, ow);
        swapLeading(y, out.data, f, n, positions);                       // (F, N, L) → (N, F, L)
        Recycler.give(y);
        if (!Autograd.records(x, w, bias)) {
            Recycler.give(cols);
            return out;
        }
        return Autograd.record(out, () -> {
            float[] dy = Recycler.take(f * columns);
            swapLeading(out.grad, dy, n, f, positions);                  // (N, F, L) → (F, N·L)
            if (w.requiresGrad) {
                if (few) K.filterGradient(dy, cols, w.gradArray(), 0, f, patch, columns);
                else K.matmulTransB(dy, 0, cols, 0, w.gradArray(), 0, f, columns, patch, true);
            }
            if (x.requiresGrad) {
                float[] dcols = Recycler.take(cols.length);
                if (few) K.filterProduct(w.data, w.offset, 1, patch, dy, dcols, patch, f, columns);
                else K.matmulTransA(w.data, w.offset, dy, 0, dcols, 0, patch, f, columns, false);
                K.col2im(dcols, x.gradArray(), 0, n, c, h, wd, kh, kw, stride, pad);
                Recycler.give(dcols);
            }
            if (bias != null && bias.requiresGrad) {
                for (int o = 0; o < f; o++) bias.gradArray()[o] += K.sum(dy, o * columns, columns);
            }
            Recycler.give(dy);
            Recycler.give(cols);
        }, x, w, bias);
    }

    /** dst (b, a, inner) = src (a, b, inner): whole runs of inner values move, so this is a series of copies. */
    private static void swapLeading(float[] src, float[] dst, int a, int b, int inner) {
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) System.arraycopy(src, (i * b + j) * inner, dst, (j * a + i) * inner, inner);
        }
    }

    /** (N, C, H, W) → (N, C, oh, ow), the largest value of each k×k window at stride. */
    static Tensor maxPool2d(Tensor x, int k, int stride) {
        if (x.rank() != 4) throw new IllegalArgumentException("maxPool2d needs (N, C, H, W), got " + Shapes.str(x.shape));
        int h = x.shape[2];
        int wd = x.shape[3];
        int oh = outputSize(h, k, stride, 0);
        int ow = outputSize(wd, k, stride, 0);
        Tensor out = Tensor.zeros(x.shape[0], x.shape[1], oh, ow);
        int[] argmax = new int[out.size];
        K.maxPool2d(x.data, x.offset, out.data, 0, argmax, x.shape[0] * x.shape[1], h, wd, k, stride);
        return Autograd.record(out, () -> K.maxPool2dBackward(out.grad, 0, argmax, x.gradArray(), 0, out.size), x);
    }

    private static int outputSize(int in, int kernel, int stride, int pad) {
        if (kernel < 1 || stride < 1 || pad < 0 || in + 2 * pad < kernel) {
            throw new IllegalArgumentException("window " + kernel + " (stride " + stride + ", padding " + pad + ") does not fit size " + in);
        }
        return (in + 2 * pad - kernel) / stride + 1;
    }
}
