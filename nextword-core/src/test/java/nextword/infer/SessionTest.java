package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nextword.kernels.Parallel;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import org.junit.jupiter.api.Test;

/** The KV cache computes what recomputing the whole context computes, on any number of threads (allocation: {@link DecodeAllocationTest}). */
class SessionTest {

    private static final int V = TinyModels.CONFIG.vocabSize();

    @Test
    void decodingWithTheCacheEqualsFullRecomputation() throws Exception {
        // the second context crosses two blocks of cached keys (InferenceKernels.KEY_BLOCK positions each)
        for (int context : new int[] {TinyModels.CONFIG.contextLength(), 150}) {
            GptConfig config = new GptConfig(V, context, TinyModels.CONFIG.layers(), TinyModels.CONFIG.heads(), TinyModels.CONFIG.width());
            GptWeights w = TinyModels.weights(config, 1);
            Gpt full = new Gpt(w);
            int[] ids = TinyModels.tokens(context, 2);
            try (LanguageModel m = LanguageModel.of(w, TinyModels.tokenizer(), Precision.FLOAT32)) {
                Session s = m.newSession();
                for (int t = 0; t < ids.length; t++) {
                    float[] cached = s.decode(ids[t]).clone();
                    full.forward(Arrays.copyOf(ids, t + 1), null, 1, t + 1);
                    float[] recomputed = Arrays.copyOfRange(full.logits(), t * V, (t + 1) * V);
                    // a different implementation (training's) summing in a different order: float32 rounding, a few 1e-5
                    assertClose("logits after " + (t + 1) + " tokens", recomputed, cached, 5e-5);
                }
            }
        }
    }

    @Test
    void aPromptAsOneBatchEqualsOneTokenAtATime() throws Exception {
        for (Precision p : Precision.values()) {
            try (LanguageModel m = TinyModels.model(3, p)) {
                int[] ids = TinyModels.tokens(37, 4);
                Session batch = m.newSession();
                float[][] all = new float[ids.length][];
                batch.prefill(ids, 0, ids.length, (pos, logits, off) -> all[pos] = Arrays.copyOfRange(logits, off, off + V));
                float[] last = batch.logits().clone();
                Session single = m.newSession();
                // 8 bits: the batch's activations differ from one token's in the last bits, which now and then
                // moves an activation across a rounding step of its 8-bit block (1/127 of the block's largest):
                // a jump of a few hundredths in a logit here and there, float rounding everywhere else
                double tol = p == Precision.Q8_0 ? 1e-1 : 1e-5;
                double meanDifference = 0;
                for (int t = 0; t < ids.length; t++) {
                    float[] one = single.decode(ids[t]);
                    assertClose(p + " position " + t, all[t], one, tol);
                    for (int i = 0; i < V; i++) meanDifference += Math.abs(all[t][i] - one[i]) / (ids.length * V);
                }
                if (p == Precision.Q8_0) assertTrue(meanDifference < 5e-4, "mean difference " + meanDifference);
                assertArrayEquals(all[ids.length - 1], last);
                // without a sink only the last logits are computed, by the same arithmetic
                Session plain = m.newSession();
                assertClose(p + " last", last, plain.prefill(ids), tol);
                assertEquals(ids.length, plain.length());
                assertArrayEquals(ids, plain.tokens());
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        int before = Parallel.threads();
        try (LanguageModel m = TinyModels.model(5, Precision.FLOAT32); LanguageModel q = TinyModels.model(5, Precision.Q8_0)) {
            for (LanguageModel model : new LanguageModel[] {m, q}) {
                int[] ids = TinyModels.tokens(40, 6);
                Parallel.setThreads(1);
                float[][] one = run(model, ids);
                Parallel.setThreads(2);
                float[][] two = run(model, ids);
                for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], model.precision() + " step " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** A prompt of 20 as a batch, then 20 tokens one at a time: every logits row. */
    private static float[][] run(LanguageModel m, int[] ids) {
        Session s = m.newSession();
        float[][] out = new float[21][];
        out[0] = s.prefill(Arrays.copyOf(ids, 20)).clone();
        for (int i = 20; i < 40; i++) out[i - 19] = s.decode(ids[i]).clone();
        return out;
    }

    @Test
    void syncKeepsTheCommonPrefixAndRewindForgets() throws Exception {
        try (LanguageModel m = TinyModels.model(7, Precision.FLOAT32)) {
            int[] a = TinyModels.tokens(30, 8);
            int[] b = a.clone();
            b[20] = (b[20] + 1) % V;
            Session s = m.newSession();
            s.sync(a);
            float[] viaSync = s.sync(b).clone();
            assertArrayEquals(b, s.tokens());
            float[] fresh = m.newSession().prefill(b);
            assertClose("sync after a different suffix", fresh, viaSync, 1e-5);
            s.rewind(10);
            assertEquals(10, s.length());
            assertClose("rewound and continued", m.newSession().prefill(Arrays.copyOf(a, 11)), s.decode(a[10]), 1e-5);
        }
    }

    @Test
    void refusesWhatDoesNotFit() throws Exception {
        try (LanguageModel m = TinyModels.model(9, Precision.FLOAT32)) {
            Session s = m.newSession(4);
            s.prefill(new int[] {1, 2, 3, 4});
            assertThrows(IllegalStateException.class, () -> s.decode(5));
            s.reset();
            assertThrows(IllegalArgumentException.class, () -> s.decode(V));
            assertThrows(IllegalArgumentException.class, () -> s.decode(-1));
            assertThrows(IllegalArgumentException.class, () -> m.newSession(TinyModels.CONFIG.contextLength() + 1));
        }
    }

    static void assertClose(String what, float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            if (Math.abs(expected[i] - actual[i]) > tol * scale) {
                throw new AssertionError(what + ": index " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
