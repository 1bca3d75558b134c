package nextword.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import nextword.io.NamedTensor;
import org.junit.jupiter.api.Test;

/** Every parameter tensor's gradient against central finite differences of the loss. */
class GptGradientTest {

    static final GptConfig TINY = new GptConfig(13, 8, 2, 2, 8);

    /** Weights far from GPT-2's small init, so that attention and GELU are in their curved regions. */
    static Gpt roughModel(GptConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GptWeights w = GptWeights.zeros(config);
        for (NamedTensor t : w.tensors()) {
            boolean gain = t.name().endsWith("ln_1.weight") || t.name().endsWith("ln_2.weight") || t.name().equals("ln_f.weight");
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) ((gain ? 1 : 0) + 0.4 * r.nextGaussian());
        }
        return new Gpt(w);
    }

    static int[] randomTokens(int n, int vocab, long seed) {
        return new SplittableRandom(seed).ints(n, 0, vocab).toArray();
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Gpt gpt = roughModel(TINY, 1);
        int b = 2;
        int t = 6;
        int[] in = randomTokens(b * t, TINY.vocabSize(), 2);
        int[] tg = randomTokens(b * t, TINY.vocabSize(), 3);
        tg[4] = -1; // an ignored position must neither count nor send gradient
        gpt.forwardBackward(in, tg, b, t, 1f);

        SplittableRandom pick = new SplittableRandom(4);
        float eps = 1e-2f;
        int checked = 0;
        for (int k = 0; k < gpt.weights().tensors().size(); k++) {
            NamedTensor w = gpt.weights().tensors().get(k);
            float[] g = gpt.gradients().tensors().get(k).data();
            for (int trial = 0; trial < 4; trial++) {
                // wte rows of the tokens in the batch get both uses; other rows only the output layer's
                int i = w.name().equals("wte.weight") && trial < 2
                        ? in[pick.nextInt(in.length)] * TINY.width() + pick.nextInt(TINY.width())
                        : pick.nextInt(w.data().length);
                float saved = w.data()[i];
                w.data()[i] = saved + eps;
                double up = gpt.forward(in, tg, b, t);
                w.data()[i] = saved - eps;
                double down = gpt.forward(in, tg, b, t);
                w.data()[i] = saved;
                double numeric = (up - down) / (2 * eps);
                double err = Math.abs(numeric - g[i]);
                assertTrue(err <= 2e-3 + 2e-2 * Math.abs(numeric),
                        w.name() + "[" + i + "]: backprop " + g[i] + " vs finite difference " + numeric);
                checked++;
            }
        }
        assertTrue(checked >= 4 * (4 + 12 * TINY.layers()));
    }
}
