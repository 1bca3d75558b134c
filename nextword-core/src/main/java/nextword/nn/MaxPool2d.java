package nextword.nn;

import nextword.tensor.Tensor;

/** Keeps the largest value of each kernel×kernel window: a smaller image that still says "something is here". */
public record MaxPool2d(int kernel, int stride) implements Layer {

    @Override
    public Tensor forward(Tensor x) {
        return x.maxPool2d(kernel, stride);
    }
}
