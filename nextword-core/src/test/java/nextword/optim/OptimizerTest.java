package nextword.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nextword.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** A parameter with a given gradient, made by backpropagating Σ p·g. */
    private static void setGrad(Tensor p, float... g) {
        p.zeroGrad();
        p.mul(Tensor.of(g, g.length)).sum().backward();
    }

    @Test
    void adamwMatchesAHandComputedStep() {
        Tensor w = Tensor.of(new float[] {1f}, 1).requireGrad();
        Tensor b = Tensor.of(new float[] {1f}, 1).requireGrad();
        AdamW opt = new AdamW(List.of(new ParamGroup(List.of(w), 0.1f), new ParamGroup(List.of(b), 0f)), 0.1f, 0.9f, 0.999f, 1e-8f);

        setGrad(w, 0.5f);
        setGrad(b, 0.5f);
        opt.step();
        // w: decay 1 → 0.99; m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25 → step 0.1·0.5/0.5 = 0.1
        assertEquals(0.89, w.item(), 1e-6);
        assertEquals(0.9, b.item(), 1e-6);

        setGrad(w, -1f);
        b.zeroGrad();
        opt.step();
        double m = 0.9 * 0.05 - 0.1;
        double v = 0.999 * 0.00025 + 0.001;
        double mhat = m / (1 - 0.81);
        double vhat = v / (1 - 0.999 * 0.999);
        double expected = 0.89 * (1 - 0.01) - 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
        assertEquals(expected, w.item(), 1e-6);
        // a zero gradient still steps: momentum carries b on, undecayed
        double bm = 0.9 * 0.05;
        double bv = 0.999 * 0.00025;
        assertEquals(0.9 - 0.1 * (bm / 0.19) / (Math.sqrt(bv / (1 - 0.999 * 0.999)) + 1e-8), b.item(), 1e-6);
    }

    @Test
    void adamwSkipsParametersWithoutGradients() {
        Tensor untouched = Tensor.of(new float[] {2f}, 1).requireGrad();
        new AdamW(List.of(untouched), 0.1f, 0.1f).step();
        assertEquals(2f, untouched.item());
        assertNull(untouched.grad());
    }

    @Test
    void decayGoesToMatricesOnly() {
        Tensor matrix = Tensor.ones(2, 2).requireGrad();
        Tensor bias = Tensor.ones(2).requireGrad();
        List<ParamGroup> groups = ParamGroup.decayMatricesOnly(List.of(matrix, bias), 0.1f);
        assertEquals(2, groups.size());
        assertEquals(List.of(matrix), groups.get(0).params());
        assertEquals(0.1f, groups.get(0).weightDecay());
        assertEquals(List.of(bias), groups.get(1).params());
        assertEquals(0f, groups.get(1).weightDecay());
        assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(groups.get(0), groups.get(0)), 0.1f, 0.9f, 0.999f, 1e-8f));
    }

    @Test
    void sgdWithMomentumAndDecayFollowsPyTorch() {
        Tensor p = Tensor.of(new float[] {1f, -2f}, 2).requireGrad();
        SGD opt = new SGD(List.of(new ParamGroup(List.of(p), 0.5f)), 0.1f, 0.9f);
        setGrad(p, 1f, 1f);
        opt.step();
        // d = g + 0.5·p = (1.5, 0); b = d; p −= 0.1·b
        assertArrayEquals(new float[] {0.85f, -2f}, p.toArray(), 1e-6f);
        setGrad(p, 1f, 1f);
        opt.step();
        // d = (1 + 0.425, 1 − 1) = (1.425, 0); b = 0.9·(1.5, 0) + d = (2.775, 0)
        assertArrayEquals(new float[] {0.85f - 0.2775f, -2f}, p.toArray(), 1e-6f);

        Tensor q = Tensor.of(new float[] {1f}, 1).requireGrad();
        SGD plain = new SGD(List.of(q), 0.5f);
        setGrad(q, 2f);
        plain.step();
        assertEquals(0f, q.item(), 1e-7);
    }

    @Test
    void clippingScalesOnlyWhenTheNormIsTooLarge() {
        Tensor a = Tensor.zeros(1).requireGrad();
        Tensor b = Tensor.zeros(1).requireGrad();
        setGrad(a, 3f);
        setGrad(b, 4f);
        assertEquals(5f, GradClip.clipGradNorm(List.of(a, b), 10f), 1e-6);
        assertEquals(3f, a.grad()[0]);
        assertEquals(5f, GradClip.clipGradNorm(List.of(a, b), 1f), 1e-6);
        assertEquals(3 / (5 + 1e-6), a.grad()[0], 1e-6);
        assertEquals(4 / (5 + 1e-6), b.grad()[0], 1e-6);
        assertEquals(1f, GradClip.clipGradNorm(List.of(a, b), 1f), 1e-5);
    }

    @Test
    void schedules() {
        assertEquals(3e-4f, LearningRateSchedule.constant(3e-4f).at(12345));
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1f, 0.1f, 10, 110);
        assertEquals(0.1f, s.at(0), 1e-7);
        assertEquals(0.5f, s.at(4), 1e-7);
        assertEquals(1f, s.at(9), 1e-7);
        assertEquals(1f, s.at(10), 1e-7);
        assertEquals(0.55f, s.at(60), 1e-6, "halfway down the cosine is halfway between max and min");
        assertEquals(0.1f, s.at(110), 1e-7);
        assertEquals(0.1f, s.at(1000), 1e-7);
        for (int i = 10; i < 110; i++) assertEquals(true, s.at(i + 1) <= s.at(i), "decays monotonically");
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupCosine(1f, 2f, 0, 10));
    }
}
