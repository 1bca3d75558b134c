package nextword.nn;

import nextword.tensor.Tensor;

/** Anything that maps one tensor to another: a Linear layer, an activation, a whole network. */
@FunctionalInterface
public interface Layer {
    Tensor forward(Tensor x);
}
