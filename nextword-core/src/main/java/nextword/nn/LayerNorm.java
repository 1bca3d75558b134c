package nextword.nn;

import nextword.tensor.Tensor;

/** Normalises each row to mean 0 and variance 1, then scales by a learned gain and shifts by a learned bias. */
public final class LayerNorm extends Module implements Layer {

    private final Tensor weight;
    private final Tensor bias;
    private final float eps;

    /** Gain 1, bias 0, eps 1e-5 (GPT-2's). */
    public LayerNorm(int width) {
        this(width, 1e-5f);
    }

    public LayerNorm(int width, float eps) {
        this.weight = parameter("weight", Tensor.ones(width));
        this.bias = parameter("bias", Tensor.zeros(width));
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.layerNorm(weight, bias, eps); // (…, C) → (…, C)
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
