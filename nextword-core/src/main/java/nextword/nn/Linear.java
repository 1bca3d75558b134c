package nextword.nn;

import java.util.random.RandomGenerator;
import nextword.tensor.Tensor;
import nextword.tensor.WeightLayout;

/** y = x · Wᵀ + b (or x · W + b for GPT-2's stored layout): every output a weighted sum of every input. */
public final class Linear extends Module implements Layer {

    private final Tensor weight;
    private final Tensor bias;
    private final WeightLayout layout;

    /** PyTorch's default start: weight and bias uniform in ±1/√in, weight stored (out, in). */
    public Linear(int in, int out, RandomGenerator rng) {
        this(Tensor.uniform(rng, -bound(in), bound(in), out, in), Tensor.uniform(rng, -bound(in), bound(in), out), WeightLayout.OUT_IN);
    }

    /** A layer over given tensors (from a checkpoint, or initialised by the caller); bias may be null. */
    public Linear(Tensor weight, Tensor bias, WeightLayout layout) {
        if (weight.rank() != 2) throw new IllegalArgumentException("Linear weight must be 2-D, got rank " + weight.rank());
        this.layout = layout;
        this.weight = parameter("weight", weight);
        this.bias = bias == null ? null : parameter("bias", bias);
    }

    private static float bound(int in) {
        return (float) (1 / Math.sqrt(in));
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.linear(weight, bias, layout); // (…, in) → (…, out)
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    public WeightLayout layout() {
        return layout;
    }
}
