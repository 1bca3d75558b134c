package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** 2-D convolution (as im2col + one matrix product per image) and max pooling, over (N, C, H, W) images. */
final class ConvOps {

    private static final KernelOps K = Kernels.ops();

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
        int image = c * h * wd;
        int patch = c * kh * kw;
        int positions = oh * ow;
        int plane = f * positions;
        float[] cols = new float[patch * positions];
        Tensor out = Tensor.zeros(n, f, oh, ow);
        for (int i = 0; i < n; i++) {
            K.im2col(x.data, x.offset + i * image, cols, c, h, wd, kh, kw, stride, pad);
            K.matmul(w.data, w.offset, cols, 0, out.data, i * plane, f, patch, positions, false); // (F, patch)·(patch, L)
            if (bias != null) for (int o = 0; o < f; o++) K.addScalar(out.data, i * plane + o * positions, bias.data[bias.offset + o], positions);
        }
        return Autograd.record(out, () -> {
            float[] dcols = new float[cols.length];
            for (int i = 0; i < n; i++) {
                int go = i * plane;
                if (w.requiresGrad) {
                    K.im2col(x.data, x.offset + i * image, cols, c, h, wd, kh, kw, stride, pad);
                    K.matmulTransB(out.grad, go, cols, 0, w.gradArray(), 0, f, positions, patch, true);
                }
                if (x.requiresGrad) {
                    K.matmulTransA(w.data, w.offset, out.grad, go, dcols, 0, patch, f, positions, false);
                    K.col2im(dcols, x.gradArray(), i * image, c, h, wd, kh, kw, stride, pad);
                }
                if (bias != null && bias.requiresGrad) {
                    for (int o = 0; o < f; o++) bias.gradArray()[o] += K.sum(out.grad, go + o * positions, positions);
                }
            }
        }, x, w, bias);
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
