package nextword.nn;

import java.util.List;
import nextword.tensor.Tensor;

/** Layers applied one after another; layers with parameters are registered as children "0", "1", … by position. */
public class Sequential extends Module implements Layer {

    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof Module m) child(Integer.toString(i), m);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer layer : layers) h = layer.forward(h);
        return h;
    }

    public List<Layer> layers() {
        return layers;
    }
}
