package nextword.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float32 numbers, row-major and contiguous, that remembers how it was computed.
 *
 * <p>Every operation below returns a new tensor. While {@link Autograd} is recording and some input
 * {@link #requiresGrad() requires a gradient}, the result keeps a closure that knows how to pass a gradient
 * back to its inputs; {@link #backward()} runs those closures from the loss back to the parameters.
 * Gradients accumulate ({@code +=}) into {@link #grad()}, allocated on first use, until {@link #zeroGrad()}.
 *
 * <p>A tensor may be a view: {@link #reshape} and {@link #rows} share the data of their input, so its
 * elements are {@code data()[offset() .. offset() + size())}. Gradients are always a tensor's own array.
 */
public final class Tensor {

    final float[] data;
    final int offset;
    final int[] shape;
    final int size;

    float[] grad;
    boolean requiresGrad;
    /** The tensors this one was computed from, and how to send them its gradient; null for leaves. */
    Tensor[] parents;
    Runnable backward;

    Tensor(float[] data, int offset, int[] shape) {
        this.shape = shape.clone();
        this.size = Shapes.size(this.shape);
        if (offset < 0 || (long) offset + size > data.length) {
            throw new IllegalArgumentException("shape " + Shapes.str(shape) + " at offset " + offset
                    + " does not fit in " + data.length + " values");
        }
        this.data = data;
        this.offset = offset;
    }

    // ---- making tensors ----

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.size(shape)], 0, shape);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor with every element equal to value. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** A single number, shape []. */
    public static Tensor scalar(float value) {
        return full(value, new int[0]);
    }

    /** A tensor holding a copy of values. */
    public static Tensor of(float[] values, int... shape) {
        return wrap(values.clone(), shape);
    }

    /** A tensor over values itself, without copying (loaders use it; later writes to values show through). */
    public static Tensor wrap(float[] values, int... shape) {
        if (values.length != Shapes.size(shape)) {
            throw new IllegalArgumentException(values.length + " values cannot have shape " + Shapes.str(shape));
        }
        return new Tensor(values, 0, shape);
    }

    /** Normal noise with mean 0 and standard deviation std, drawn in order from rng. */
    public static Tensor randn(RandomGenerator rng, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.size; i++) t.data[i] = (float) (rng.nextGaussian() * std);
        return t;
    }

    /** Uniform noise in [low, high), drawn in order from rng. */
    public static Tensor uniform(RandomGenerator rng, float low, float high, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.size; i++) t.data[i] = low + (high - low) * rng.nextFloat();
        return t;
    }

    /** The rows of an embedding table picked by ids: (V, C) → (shape…, C); shape defaults to [ids.length]. */
    public static Tensor embedding(Tensor table, int[] ids, int... shape) {
        return EmbeddingOp.gather(table, ids, shape.length == 0 ? new int[] {ids.length} : shape);
    }

    // ---- what a tensor is ----

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension i; negative i counts from the end (-1 is the last). */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** The backing array: this tensor's elements are [offset(), offset() + size()). Writes show through. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** A copy of the elements, row-major. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    /** The element at a full index. */
    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** The value of a one-element tensor (a loss). */
    public float item() {
        if (size != 1) throw new IllegalStateException("item() needs one element, shape is " + Shapes.str(shape));
        return data[offset];
    }

    // ---- gradients ----

    /** The accumulated gradient, dense and the same shape as this tensor, or null before any arrived. */
    public float[] grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this leaf as something to differentiate with respect to (a parameter or an input). */
    public Tensor requireGrad() {
        if (backward != null) throw new IllegalStateException("requireGrad() is for leaves; this tensor was computed");
        requiresGrad = true;
        return this;
    }

    /** Sets the gradient to zero (keeping its array for the next step). */
    public void zeroGrad() {
        if (grad != null) Arrays.fill(grad, 0f);
    }

    /** Backpropagates from this one-element tensor (a loss) with seed gradient 1. */
    public void backward() {
        if (size != 1) throw new IllegalStateException("backward() needs a one-element loss, shape is " + Shapes.str(shape) + "; use backward(seed)");
        backward(new float[] {1f});
    }

    /** Backpropagates with the given gradient of some scalar with respect to this tensor. */
    public void backward(float[] seed) {
        Autograd.backward(this, seed);
    }

    /** The same data without history: nothing flows back through the result. */
    public Tensor detach() {
        return new Tensor(data, offset, shape);
    }

    // ---- element-wise ----

    /** this + b, where b has this shape or is a vector over the last dimension (a bias). */
    public Tensor add(Tensor b) {
        return PointwiseOps.add(this, b);
    }

    /** this − b, broadcasting like {@link #add}. */
    public Tensor sub(Tensor b) {
        return PointwiseOps.sub(this, b);
    }

    /** this ⊙ b, broadcasting like {@link #add}. */
    public Tensor mul(Tensor b) {
        return PointwiseOps.mul(this, b);
    }

    /** alpha · this. */
    public Tensor scale(float alpha) {
        return PointwiseOps.scale(this, alpha);
    }

    public Tensor relu() {
        return PointwiseOps.relu(this);
    }

    public Tensor tanh() {
        return PointwiseOps.tanh(this);
    }

    public Tensor sigmoid() {
        return PointwiseOps.sigmoid(this);
    }

    /** GELU, tanh form (GPT-2's). */
    public Tensor gelu() {
        return PointwiseOps.gelu(this);
    }

    // ---- along the last dimension ----

    /** Softmax over the last dimension. */
    public Tensor softmax() {
        return SoftmaxOps.softmax(this);
    }

    /** log softmax over the last dimension, computed stably. */
    public Tensor logSoftmax() {
        return SoftmaxOps.logSoftmax(this);
    }

    /** LayerNorm over the last dimension with gain gamma and shift beta (both (C)). */
    public Tensor layerNorm(Tensor gamma, Tensor beta, float eps) {
        return LayerNormOp.apply(this, gamma, beta, eps);
    }

    // ---- products ----

    /** (…, M, K) · (K, N) → (…, M, N), or batched: (…, M, K) · (…, K, N) with equal leading dims. */
    public Tensor matmul(Tensor b) {
        return MatMulOps.matmul(this, b);
    }

    /** x · Wᵀ + b with weight (out, in), PyTorch's layout; bias may be null. */
    public Tensor linear(Tensor weight, Tensor bias) {
        return MatMulOps.linear(this, weight, bias, WeightLayout.OUT_IN);
    }

    /** x · W + b or x · Wᵀ + b, as layout says; bias may be null. */
    public Tensor linear(Tensor weight, Tensor bias, WeightLayout layout) {
        return MatMulOps.linear(this, weight, bias, layout);
    }

    /**
     * Causal multi-head self-attention over this (B, T, 3C) tensor of queries, keys and values: returns the
     * (B, T, C) output and the (B, heads, T, T) attention weights.
     */
    public AttentionOutput causalSelfAttention(int heads) {
        return AttentionOp.apply(this, heads);
    }

    // ---- images ----

    /** 2-D convolution of (N, C, H, W) images with (F, C, kh, kw) filters and an optional (F) bias. */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return ConvOps.conv2d(this, weight, bias, stride, padding);
    }

    /** Max pooling of (N, C, H, W) images by kernel×kernel windows at stride, no padding. */
    public Tensor maxPool2d(int kernel, int stride) {
        return ConvOps.maxPool2d(this, kernel, stride);
    }

    // ---- shape ----

    /** The same elements in another shape (a view; one dimension may be -1 to be inferred). */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** Rows [from, to) of the first dimension (a view). */
    public Tensor rows(int from, int to) {
        return ShapeOps.rows(this, from, to);
    }

    /** Swaps the last two dimensions (a copy). */
    public Tensor transpose() {
        return ShapeOps.transpose(this);
    }

    // ---- reductions and losses ----

    /** The sum of all elements, shape []. */
    public Tensor sum() {
        return ReduceOps.sum(this);
    }

    /** The mean of all elements, shape []. */
    public Tensor mean() {
        return ReduceOps.mean(this);
    }

    /**
     * Mean cross-entropy of these (…, V) logits against one target class per row; a target of −1 ignores
     * its row. Softmax and the loss are fused, as is their gradient.
     */
    public Tensor crossEntropy(int[] targets) {
        return LossOps.crossEntropy(this, targets);
    }

    /** Mean squared error against target (same shape). */
    public Tensor mse(Tensor target) {
        return LossOps.mse(this, target);
    }

    // ---- internals ----

    /** The gradient array, allocated on first use. */
    float[] gradArray() {
        if (grad == null) grad = new float[size];
        return grad;
    }

    /** The elements as an array starting at 0 of exactly size(): the backing array when it already is one. */
    float[] dense() {
        return offset == 0 && data.length == size ? data : toArray();
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " for shape " + Shapes.str(shape));
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + Shapes.str(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    @Override
    public String toString() {
        int shown = Math.min(size, 8);
        StringBuilder s = new StringBuilder("Tensor").append(Shapes.str(shape)).append(" [");
        for (int i = 0; i < shown; i++) s.append(i == 0 ? "" : ", ").append(data[offset + i]);
        return s.append(size > shown ? ", …]" : "]").toString();
    }
}
