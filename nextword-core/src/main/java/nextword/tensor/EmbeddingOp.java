package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** Looking up rows of an embedding table; the gradient scatters back onto the rows used. */
final class EmbeddingOp {

    private static final KernelOps K = Kernels.ops();

    private EmbeddingOp() {}

    static Tensor gather(Tensor table, int[] ids, int[] shape) {
        if (table.rank() != 2) throw new IllegalArgumentException("embedding table must be (V, C), got " + Shapes.str(table.shape));
        if (Shapes.size(shape) != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids cannot have shape " + Shapes.str(shape));
        }
        int v = table.shape[0];
        int c = table.shape[1];
        for (int id : ids) {
            if (id < 0 || id >= v) throw new IllegalArgumentException("id " + id + " outside the table's " + v + " rows");
        }
        int[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = c;
        Tensor out = Tensor.zeros(outShape);
        int[] saved = ids.clone();
        K.embeddingGather(table.dense(), saved, out.data, c);
        return Autograd.record(out, () -> K.embeddingScatterAdd(table.gradArray(), saved, out.grad, c), table);
    }
}
