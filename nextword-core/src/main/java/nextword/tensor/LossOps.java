package nextword.tensor;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/** Losses: one number saying how wrong a prediction is. */
final class LossOps {

    private static final KernelOps K = Kernels.ops();

    private LossOps() {}

    /** Mean over the rows whose target is not −1 of −log softmax(logits)[target]. */
    static Tensor crossEntropy(Tensor logits, int[] targets) {
        Shapes.requireRank(logits, 1, "crossEntropy");
        int v = Shapes.last(logits.shape);
        int rows = logits.size / Math.max(1, v);
        if (targets.length != rows) {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for " + rows + " rows of logits " + Shapes.str(logits.shape));
        }
        int counted = 0;
        for (int t : targets) {
            if (t < -1 || t >= v) throw new IllegalArgumentException("target " + t + " outside [0, " + v + ") (or -1 to ignore)");
            if (t >= 0) counted++;
        }
        float dscale = counted == 0 ? 0f : 1f / counted;
        float[] losses = new float[rows];
        // The fused kernel yields the gradient in the same pass; keep it only if someone will backpropagate.
        float[] dlogits = Autograd.records(logits) ? new float[logits.size] : null;
        K.crossEntropy(logits.dense(), targets.clone(), losses, dlogits, dscale, rows, v);
        double total = 0;
        for (float l : losses) total += l;
        Tensor out = Tensor.scalar((float) (total * dscale));
        return Autograd.record(out, () -> {
            float g = out.grad[0];
            if (logits.grad == null && g == 1f) logits.grad = dlogits; // the common case: adopt, no copy
            else K.axpy(g, dlogits, 0, logits.gradArray(), 0, logits.size);
        }, logits);
    }

    /** Mean of (prediction − target)². */
    static Tensor mse(Tensor prediction, Tensor target) {
        Shapes.requireShape(target, prediction.shape, "mse target");
        if (prediction.size == 0) throw new IllegalArgumentException("mse of empty tensors");
        float[] diff = prediction.toArray();
        K.axpy(-1f, target.data, target.offset, diff, 0, diff.length);
        int n = diff.length;
        Tensor out = Tensor.scalar(K.dot(diff, 0, diff, 0, n) / n);
        return Autograd.record(out, () -> {
            float g = 2f * out.grad[0] / n;
            if (prediction.requiresGrad) K.axpy(g, diff, 0, prediction.gradArray(), 0, n);
            if (target.requiresGrad) K.axpy(-g, diff, 0, target.gradArray(), 0, n);
        }, prediction, target);
    }
}
