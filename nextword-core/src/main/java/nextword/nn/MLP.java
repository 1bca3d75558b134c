package nextword.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A multilayer perceptron: Linear layers of the given widths with an activation between each pair, none
 * after the last (the output stays raw: logits, or a regression value).
 */
public final class MLP extends Sequential {

    /** widths: input, hidden…, output, e.g. (2, 16, 16, 1). */
    public MLP(RandomGenerator rng, Activation activation, int... widths) {
        super(layers(rng, activation, widths));
    }

    private static Layer[] layers(RandomGenerator rng, Activation activation, int[] widths) {
        if (widths.length < 2) throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            if (i > 0) layers.add(activation);
            layers.add(new Linear(widths[i], widths[i + 1], rng));
        }
        return layers.toArray(Layer[]::new);
    }

    /** The Linear layers, input side first. */
    public List<Linear> linears() {
        return layers().stream().filter(Linear.class::isInstance).map(Linear.class::cast).toList();
    }
}
