package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.CharTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explorer's forward pass against the training model's (an independent implementation) and the decoding session's. */
class InspectorTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz .,";
    private static GptWeights weights;
    private static LanguageModel model;

    @BeforeAll
    static void build() throws IOException {
        weights = GptWeights.init(new GptConfig(ALPHABET.length(), 48, 3, 4, 32), new SplittableRandom(11));
        model = LanguageModel.of(weights, CharTokenizer.of(ALPHABET), Precision.FLOAT32);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] ids(String text) {
        return model.tokenizer().encode(text);
    }

    @Test
    void attentionAndLogitsAreTheTrainingModels() {
        int[] ids = ids("the cat sat on the mat.");
        Inspector.Inspection in = Inspector.inspect(model, ids);
        Gpt gpt = new Gpt(weights);
        gpt.forward(ids, null, 1, ids.length);
        int t = ids.length;
        int heads = model.config().heads();
        for (int l = 0; l < model.config().layers(); l++) {
            float[] want = gpt.attention(l); // (1, heads, t, t)
            for (int h = 0; h < heads; h++) {
                for (int q = 0; q < t; q++) {
                    for (int k = 0; k < t; k++) {
                        assertEquals(want[(h * t + q) * t + k], in.attention(l, h, q, k), 1e-5, "layer " + l + " head " + h + " " + q + "→" + k);
                    }
                }
            }
        }
        int v = model.config().vocabSize();
        for (int j = 0; j < v; j++) assertEquals(gpt.logits()[(t - 1) * v + j], in.logits()[j], 1e-4, "logit " + j);
    }

    @Test
    void logitsAreWhatGenerationSees() {
        int[] ids = ids("a quick brown fox");
        float[] session = model.newSession().prefill(ids).clone();
        float[] inspected = Inspector.inspect(model, ids).logits();
        for (int j = 0; j < session.length; j++) assertEquals(session[j], inspected[j], 1e-5f);
    }

    @Test
    void everyAttentionRowIsADistributionOverThePast() {
        Inspector.Inspection in = Inspector.inspect(model, ids("hello, world"));
        for (int l = 0; l < in.layers(); l++) {
            for (int h = 0; h < in.heads(); h++) {
                for (int q = 0; q < in.length(); q++) {
                    double sum = 0;
                    for (int k = 0; k < in.length(); k++) {
                        float w = in.attention(l, h, q, k);
                        if (k > q) assertEquals(0f, w, "no attention to the future");
                        assertTrue(w >= 0);
                        sum += w;
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void refusesEmptyAndTooLongTexts() {
        assertThrows(IllegalArgumentException.class, () -> Inspector.inspect(model, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Inspector.inspect(model, new int[model.config().contextLength() + 1]));
        assertThrows(IllegalArgumentException.class, () -> Inspector.inspect(model, new int[] {ALPHABET.length()}));
    }

    @Test
    void meaningSpaceAxesAreOrthonormalAndSpreadTheEmbeddingsMost() {
        MeaningSpace s = MeaningSpace.of(model);
        float[][] axes = s.axes();
        int c = model.config().width();
        assertEquals(1.0, dot(axes[0], axes[0]), 1e-4);
        assertEquals(1.0, dot(axes[1], axes[1]), 1e-4);
        assertEquals(0.0, dot(axes[0], axes[1]), 1e-4);
        // variance along the first axis beats the second's, and any of a few random directions'
        double first = variance(s, axes[0]);
        double second = variance(s, axes[1]);
        assertTrue(first >= second - 1e-9, first + " < " + second);
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            float[] d = new float[c];
            for (int j = 0; j < c; j++) d[j] = (float) r.nextGaussian();
            double norm = Math.sqrt(dot(d, d));
            for (int j = 0; j < c; j++) d[j] /= (float) norm;
            assertTrue(variance(s, d) <= first + 1e-6, "a random direction spreads the embeddings more than the first axis");
        }
        float[] p = s.place(s.embedding(3), 0);
        assertTrue(Math.abs(p[0]) <= 1 && Math.abs(p[1]) <= 1);
        assertEquals(MeaningSpace.of(model).axes()[0][0], axes[0][0], "the same axes every time");
    }

    private static double variance(MeaningSpace s, float[] dir) {
        int v = model.config().vocabSize();
        double sum = 0, sq = 0;
        for (int id = 0; id < v; id++) {
            double x = dot(s.embedding(id), dir);
            sum += x;
            sq += x * x;
        }
        return sq / v - (sum / v) * (sum / v);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
