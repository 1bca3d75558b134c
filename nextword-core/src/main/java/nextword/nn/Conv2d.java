package nextword.nn;

import java.util.random.RandomGenerator;
import nextword.tensor.Tensor;

/** A bank of learned filters slid over an image: (N, C, H, W) → (N, F, H', W'). */
public final class Conv2d extends Module implements Layer {

    private final Tensor weight;
    private final Tensor bias;
    private final int stride;
    private final int padding;

    /** Square kernel; PyTorch's default start, uniform in ±1/√(in·kernel²). */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, RandomGenerator rng) {
        float bound = (float) (1 / Math.sqrt((double) inChannels * kernel * kernel));
        this.weight = parameter("weight", Tensor.uniform(rng, -bound, bound, outChannels, inChannels, kernel, kernel));
        this.bias = parameter("bias", Tensor.uniform(rng, -bound, bound, outChannels));
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.conv2d(weight, bias, stride, padding);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
