package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** Reshaping: views where the elements stay in place, a copy where they must move. */
final class ShapeOps {

    private static final KernelOps K = Kernels.ops();

    private ShapeOps() {}

    static Tensor reshape(Tensor x, int[] newShape) {
        int[] shape = inferred(newShape, x.size);
        return view(x, 0, shape);
    }

    static Tensor rows(Tensor x, int from, int to) {
        Shapes.requireRank(x, 1, "rows");
        if (from < 0 || to > x.shape[0] || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") out of range for shape " + Shapes.str(x.shape));
        }
        int[] shape = x.shape();
        shape[0] = to - from;
        return view(x, from * Shapes.product(x.shape, 1, x.rank()), shape);
    }

    /** x's elements from start on, in shape; its gradient lands in the same place of x's. */
    private static Tensor view(Tensor x, int start, int[] shape) {
        Tensor out = new Tensor(x.data, x.offset + start, shape);
        return Autograd.record(out, () -> K.axpy(1f, out.grad, 0, x.gradArray(), start, out.size), x);
    }

    /** (…, R, C) → (…, C, R). */
    static Tensor transpose(Tensor x) {
        Shapes.requireRank(x, 2, "transpose");
        int r = x.dim(-2);
        int c = x.dim(-1);
        int[] shape = x.shape();
        shape[shape.length - 2] = c;
        shape[shape.length - 1] = r;
        Tensor out = Tensor.zeros(shape);
        int plane = r * c;
        for (int o = 0; o < x.size; o += plane) K.transpose(x.data, x.offset + o, out.data, o, r, c);
        return Autograd.record(out, () -> {
            float[] back = new float[plane];
            for (int o = 0; o < x.size; o += plane) {
                K.transpose(out.grad, o, back, 0, c, r);
                K.axpy(1f, back, 0, x.gradArray(), o, plane);
            }
        }, x);
    }

    /** newShape with a single -1 replaced so that it holds size elements. */
    private static int[] inferred(int[] newShape, int size) {
        int[] shape = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && unknown < 0) unknown = i;
            else if (shape[i] < 0) throw new IllegalArgumentException("bad shape " + Shapes.str(newShape));
            else known *= shape[i];
        }
        if (unknown >= 0 && known > 0 && size % known == 0) shape[unknown] = (int) (size / known);
        if (unknown >= 0 && shape[unknown] < 0 || Shapes.size(shape) != size) {
            throw new IllegalArgumentException("cannot reshape " + size + " elements to " + Shapes.str(newShape));
        }
        return shape;
    }
}
