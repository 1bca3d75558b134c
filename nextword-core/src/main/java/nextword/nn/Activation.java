package nextword.nn;

import nextword.tensor.Tensor;

/** The element-wise nonlinearities between layers, as layers themselves (they have no parameters). */
public enum Activation implements Layer {
    RELU {
        @Override
        public Tensor forward(Tensor x) {
            return x.relu();
        }
    },
    TANH {
        @Override
        public Tensor forward(Tensor x) {
            return x.tanh();
        }
    },
    SIGMOID {
        @Override
        public Tensor forward(Tensor x) {
            return x.sigmoid();
        }
    },
    GELU {
        @Override
        public Tensor forward(Tensor x) {
            return x.gelu();
        }
    }
}
