package nextword.lab.digits;

import nextword.nn.Layer;
import nextword.tensor.Tensor;

/**
 * The first layer of both digit nets: pixels in [0, 1] become (x − mean) / std over the training set, so
 * the first layer's inputs are centred and of unit size. Learning starts from there faster: the CNN reaches
 * 99 % in two epochs instead of three.
 */
record Standardize(float mean, float std) implements Layer {

    /** MNIST's training pixels (scaled to [0, 1]): mean 0.1307, standard deviation 0.3081. */
    static final Standardize MNIST = new Standardize(0.1307f, 0.3081f);

    @Override
    public Tensor forward(Tensor x) { // any shape
        return x.scale(1 / std).add(Tensor.full(-mean / std, x.shape()));
    }
}
