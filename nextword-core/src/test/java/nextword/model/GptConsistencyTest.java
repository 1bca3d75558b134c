package nextword.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import nextword.io.NamedTensor;
import nextword.kernels.Parallel;
import org.junit.jupiter.api.Test;

/** The model agrees with itself: across batch splits, thread counts, seeds and sequence lengths. */
class GptConsistencyTest {

    private static final GptConfig SMALL = new GptConfig(50, 32, 2, 4, 64);

    @Test
    void aBatchOfTwoIsTwoBatchesOfOne() {
        int t = 12;
        int[] in = GptGradientTest.randomTokens(2 * t, SMALL.vocabSize(), 1);
        int[] tg = GptGradientTest.randomTokens(2 * t, SMALL.vocabSize(), 2);
        Gpt both = GptGradientTest.roughModel(SMALL, 3);
        Gpt single = GptGradientTest.roughModel(SMALL, 3);
        both.forwardBackward(in, tg, 2, t, 1f);
        float[] logits = Arrays.copyOf(both.logits(), 2 * t * SMALL.vocabSize());
        int v = SMALL.vocabSize();
        for (int row = 0; row < 2; row++) {
            // two micro-batches of half weight accumulate the same gradient as one batch
            single.forwardBackward(Arrays.copyOfRange(in, row * t, row * t + t), Arrays.copyOfRange(tg, row * t, row * t + t), 1, t, 0.5f);
            // Different batch shapes may take different kernel paths (blocked vector or plain loops): same sums,
            // other rounding. A wrong row or a leak between rows would be off by far more than float rounding.
            Gpt2ReferenceTest.assertClose("logits of row " + row, Arrays.copyOfRange(logits, row * t * v, (row + 1) * t * v),
                    Arrays.copyOf(single.logits(), t * v), 1e-5);
        }
        for (int k = 0; k < both.gradients().tensors().size(); k++) {
            Gpt2ReferenceTest.assertClose("accumulated " + both.gradients().tensors().get(k).name(),
                    both.gradients().tensors().get(k).data(), single.gradients().tensors().get(k).data(), 1e-4);
        }
    }

    @Test
    void replacingGradientsEqualsZeroingThenAccumulating() {
        int[] in = GptGradientTest.randomTokens(2 * 8, SMALL.vocabSize(), 11);
        int[] tg = GptGradientTest.randomTokens(2 * 8, SMALL.vocabSize(), 12);
        Gpt zeroed = GptGradientTest.roughModel(SMALL, 13);
        Gpt replaced = GptGradientTest.roughModel(SMALL, 13);
        for (var g : replaced.gradients().tensors()) Arrays.fill(g.data(), 7f); // stale gradients from an earlier step
        zeroed.zeroGradients();
        zeroed.forwardBackward(in, tg, 2, 8, 1f);
        replaced.forwardBackward(in, tg, 2, 8, 1f, false);
        for (int k = 0; k < zeroed.gradients().tensors().size(); k++) {
            assertArrayEquals(zeroed.gradients().tensors().get(k).data(), replaced.gradients().tensors().get(k).data(),
                    zeroed.gradients().tensors().get(k).name());
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int before = Parallel.threads();
        try {
            float[][] one = run(1);
            float[][] two = run(2);
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "array " + i);
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[][] run(int threads) {
        Parallel.setThreads(threads);
        Gpt gpt = GptGradientTest.roughModel(SMALL, 5);
        int[] in = GptGradientTest.randomTokens(3 * 32, SMALL.vocabSize(), 6);
        int[] tg = GptGradientTest.randomTokens(3 * 32, SMALL.vocabSize(), 7);
        float loss = gpt.forwardBackward(in, tg, 3, 32, 1f);
        float[][] out = new float[2 + gpt.gradients().tensors().size()][];
        out[0] = new float[] {loss};
        out[1] = gpt.logits().clone();
        for (int k = 0; k < gpt.gradients().tensors().size(); k++) out[2 + k] = gpt.gradients().tensors().get(k).data().clone();
        return out;
    }

    @Test
    void aPrefixDoesNotSeeTheFuture() {
        // causal attention: the logits at positions < 5 cannot depend on tokens from position 5 on
        Gpt gpt = GptGradientTest.roughModel(SMALL, 8);
        int[] a = GptGradientTest.randomTokens(10, SMALL.vocabSize(), 9);
        int[] b = a.clone();
        for (int i = 5; i < 10; i++) b[i] = (b[i] + 1) % SMALL.vocabSize();
        int v = SMALL.vocabSize();
        gpt.forward(a, null, 1, 10);
        float[] la = Arrays.copyOf(gpt.logits(), 10 * v);
        gpt.forward(b, null, 1, 10);
        float[] lb = Arrays.copyOf(gpt.logits(), 10 * v);
        assertArrayEquals(Arrays.copyOf(la, 5 * v), Arrays.copyOf(lb, 5 * v));
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(la, 5 * v, 6 * v)), Arrays.toString(Arrays.copyOfRange(lb, 5 * v, 6 * v)));
        // and a shorter run of the same prefix gives the same numbers, after a longer one grew the buffers
        gpt.forward(Arrays.copyOf(a, 5), null, 1, 5);
        for (int i = 0; i < 5 * v; i++) assertEquals(la[i], gpt.logits()[i], 1e-5f);
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        GptWeights a = GptWeights.init(SMALL, new SplittableRandom(1));
        GptWeights b = GptWeights.init(SMALL, new SplittableRandom(1));
        GptWeights c = GptWeights.init(SMALL, new SplittableRandom(2));
        for (int k = 0; k < a.tensors().size(); k++) assertArrayEquals(a.tensors().get(k).data(), b.tensors().get(k).data());
        assertNotEquals(a.wte[0], c.wte[0]);
        // GPT-2's init: gains 1, biases 0, residual projections narrower than the rest
        assertEquals(1f, a.h[0].ln1Weight[3]);
        assertEquals(0f, a.h[1].fcBias[7]);
        assertTrue(std(a.h[0].attnProjWeight) < 0.8 * std(a.h[0].qkvWeight));
    }

    private static double std(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / x.length);
    }

    @Test
    void badInputsAreRefusedClearly() {
        Gpt gpt = Gpt.init(SMALL, new SplittableRandom(1));
        var e = assertThrows(IllegalArgumentException.class, () -> gpt.forward(new int[] {1, 99}, null, 1, 2));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gpt.forward(new int[40], null, 1, 40));
        assertThrows(IllegalArgumentException.class, () -> gpt.forward(new int[3], null, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> gpt.forwardBackward(new int[2], new int[] {-1, -1}, 1, 2, 1f));
        assertThrows(IllegalArgumentException.class, () -> new GptConfig(10, 8, 1, 3, 8));
        assertThrows(IllegalArgumentException.class, () -> GptConfig.preset("gpt5"));
    }

    @Test
    void presetsHaveGpt2Sizes() {
        assertEquals(124_439_808L, GptConfig.preset("gpt2").parameterCount());
        assertEquals(354_823_168L, GptConfig.preset("gpt2-medium").parameterCount());
        assertEquals(774_030_080L, GptConfig.preset("gpt2-large").parameterCount());
        assertEquals(1_557_611_200L, GptConfig.preset("gpt2-xl").parameterCount());
        long counted = 0;
        for (NamedTensor t : GptWeights.zeros(SMALL).tensors()) counted += t.data().length;
        assertEquals(SMALL.parameterCount(), counted);
    }
}
