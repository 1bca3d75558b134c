package nextword.nn;

import nextword.tensor.Tensor;

/** Keeps the first (batch) dimension and lays everything else out in one row: (N, C, H, W) → (N, C·H·W). */
public record Flatten() implements Layer {

    @Override
    public Tensor forward(Tensor x) {
        return x.reshape(x.dim(0), -1);
    }
}
