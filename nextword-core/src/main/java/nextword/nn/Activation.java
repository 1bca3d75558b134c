package nextword.nn;

import java.util.function.UnaryOperator;
import nextword.tensor.Tensor;

/** The element-wise nonlinearities between layers, as layers themselves (they have no parameters). */
public enum Activation implements Layer {
    RELU(Tensor::relu),
    TANH(Tensor::tanh),
    SIGMOID(Tensor::sigmoid),
    GELU(Tensor::gelu);

    private final UnaryOperator<Tensor> function;

    Activation(UnaryOperator<Tensor> function) {
        this.function = function;
    }

    @Override
    public Tensor forward(Tensor x) {
        return function.apply(x);
    }
}
