package nextword.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import nextword.tensor.Tensor;
import nextword.tensor.WeightLayout;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A toy block shaped like GPT-2's, to see the dotted names come out right. */
    static final class Block extends Module {
        final LayerNorm ln1 = child("ln_1", new LayerNorm(4));
        final Linear proj;

        Block(SplittableRandom rng) {
            proj = child("c_proj", new Linear(Tensor.randn(rng, 0.02f, 4, 4), Tensor.zeros(4), WeightLayout.IN_OUT));
        }
    }

    static final class Model extends Module {
        final Embedding wte;
        final ModuleList<Block> h;

        Model(SplittableRandom rng) {
            wte = child("wte", new Embedding(10, 4, 0.02f, rng));
            h = child("h", new ModuleList<>(List.of(new Block(rng), new Block(rng))));
        }
    }

    @Test
    void parametersAreNamedByTheirPathInRegistrationOrder() {
        Model m = new Model(new SplittableRandom(1));
        List<String> names = m.namedParameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("wte.weight",
                "h.0.ln_1.weight", "h.0.ln_1.bias", "h.0.c_proj.weight", "h.0.c_proj.bias",
                "h.1.ln_1.weight", "h.1.ln_1.bias", "h.1.c_proj.weight", "h.1.c_proj.bias"), names);
        assertEquals(40 + 2 * (4 + 4 + 16 + 4), m.parameterCount());
        assertTrue(m.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    @Test
    void aTiedTensorIsListedOnce() {
        Tensor shared = Tensor.zeros(3, 2);
        Sequential tied = new Sequential(new Linear(shared, null, WeightLayout.OUT_IN), new Linear(shared, null, WeightLayout.IN_OUT));
        assertEquals(List.of("0.weight"), tied.namedParameters().stream().map(Parameter::name).toList());
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        List<Tensor> a = new MLP(new SplittableRandom(7), Activation.TANH, 3, 5, 2).parameters();
        List<Tensor> b = new MLP(new SplittableRandom(7), Activation.TANH, 3, 5, 2).parameters();
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).toArray(), b.get(i).toArray());
    }

    @Test
    void mlpChainsLinearsWithActivationsBetween() {
        SplittableRandom rng = new SplittableRandom(3);
        MLP mlp = new MLP(rng, Activation.RELU, 2, 3, 1);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                mlp.namedParameters().stream().map(Parameter::name).toList());
        Tensor x = Tensor.of(new float[] {0.5f, -1f}, 1, 2);
        Linear first = mlp.linears().get(0);
        Linear last = mlp.linears().get(1);
        Tensor expected = x.linear(first.weight(), first.bias()).relu().linear(last.weight(), last.bias());
        assertArrayEquals(expected.toArray(), mlp.forward(x).toArray());
        assertThrows(IllegalArgumentException.class, () -> new MLP(rng, Activation.RELU, 2));
    }

    @Test
    void zeroGradClearsEveryParameter() {
        MLP mlp = new MLP(new SplittableRandom(4), Activation.TANH, 2, 3, 1);
        mlp.forward(Tensor.ones(4, 2)).sum().backward();
        assertTrue(mlp.parameters().stream().allMatch(p -> p.grad() != null));
        mlp.zeroGrad();
        for (Tensor p : mlp.parameters()) for (float g : p.grad()) assertEquals(0f, g);
    }
}
