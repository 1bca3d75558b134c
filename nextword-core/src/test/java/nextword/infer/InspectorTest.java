package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explorer's forward pass against a float64 forward written from the equations, the training model and the decoding session. */
class InspectorTest {

    private static GptWeights weights;
    private static LanguageModel model;

    @BeforeAll
    static void build() throws IOException {
        weights = TinyModels.weights(TinyModels.CONFIG, 11); // weights large enough that attention is far from uniform
        model = LanguageModel.of(weights, TinyModels.tokenizer(), Precision.FLOAT32);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] ids(String text) {
        return model.tokenizer().encode(text);
    }

    @Test
    void attentionAndLogitsAreAPlainFloat64Forward() {
        int[] ids = ids("the cat sat on the mat.");
        Inspector.Inspection in = Inspector.inspect(model, ids);
        Reference ref = new Reference(weights, ids);
        int t = ids.length;
        for (int l = 0; l < model.config().layers(); l++) {
            for (int h = 0; h < model.config().heads(); h++) {
                for (int q = 0; q < t; q++) {
                    for (int k = 0; k < t; k++) {
                        assertEquals(ref.attention[l][h][q][k], in.attention(l, h, q, k), 1e-5, "layer " + l + " head " + h + " " + q + "→" + k);
                    }
                }
            }
        }
        int c = model.config().width();
        for (int i = 0; i < t * c; i++) assertEquals(ref.states[i / c][i % c], in.states()[i], 1e-4, "state " + i);
        for (int j = 0; j < model.config().vocabSize(); j++) assertEquals(ref.logits[j], in.logits()[j], 1e-4, "logit " + j);
        // and the training model agrees on the logits
        Gpt gpt = new Gpt(weights);
        gpt.forward(ids, null, 1, t);
        int v = model.config().vocabSize();
        for (int j = 0; j < v; j++) assertEquals(gpt.logits()[(t - 1) * v + j], in.logits()[j], 1e-4, "training model's logit " + j);
    }

    /** GPT-2's forward pass written out in doubles, straight from the equations: the specification. */
    private static final class Reference {
        final double[][][][] attention; // [layer][head][query][key]
        final double[][] states;        // [position][C] after the final LayerNorm
        final double[] logits;          // [V] after the last position

        Reference(GptWeights w, int[] ids) {
            GptConfig cfg = w.config;
            int t = ids.length, c = cfg.width(), nh = cfg.heads(), hs = c / nh, v = cfg.vocabSize();
            double[][] x = new double[t][c];
            for (int i = 0; i < t; i++) for (int j = 0; j < c; j++) x[i][j] = w.wte[ids[i] * c + j] + w.wpe[i * c + j];
            attention = new double[cfg.layers()][nh][t][t];
            for (int l = 0; l < cfg.layers(); l++) {
                GptWeights.Block b = w.h[l];
                double[][] qkv = linear(norm(x, b.ln1Weight, b.ln1Bias), b.qkvWeight, b.qkvBias, 3 * c);
                double[][] y = new double[t][c];
                for (int h = 0; h < nh; h++) {
                    for (int q = 0; q < t; q++) {
                        double[] p = new double[q + 1];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int k = 0; k <= q; k++) {
                            double dot = 0;
                            for (int d = 0; d < hs; d++) dot += qkv[q][h * hs + d] * qkv[k][c + h * hs + d];
                            p[k] = dot / Math.sqrt(hs);
                            max = Math.max(max, p[k]);
                        }
                        double sum = 0;
                        for (int k = 0; k <= q; k++) sum += p[k] = Math.exp(p[k] - max);
                        for (int k = 0; k <= q; k++) {
                            attention[l][h][q][k] = p[k] / sum;
                            for (int d = 0; d < hs; d++) y[q][h * hs + d] += p[k] / sum * qkv[k][2 * c + h * hs + d];
                        }
                    }
                }
                add(x, linear(y, b.attnProjWeight, b.attnProjBias, c));
                double[][] f = linear(norm(x, b.ln2Weight, b.ln2Bias), b.fcWeight, b.fcBias, 4 * c);
                for (double[] row : f) {
                    for (int j = 0; j < row.length; j++) {
                        double u = row[j];
                        row[j] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
                    }
                }
                add(x, linear(f, b.fcProjWeight, b.fcProjBias, c));
            }
            states = norm(x, w.lnfWeight, w.lnfBias);
            logits = new double[v];
            for (int j = 0; j < v; j++) for (int d = 0; d < c; d++) logits[j] += states[t - 1][d] * w.wte[j * c + d];
        }

        private static double[][] norm(double[][] x, float[] g, float[] b) {
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                int c = x[i].length;
                double mean = 0, var = 0;
                for (double e : x[i]) mean += e / c;
                for (double e : x[i]) var += (e - mean) * (e - mean) / c;
                out[i] = new double[c];
                for (int j = 0; j < c; j++) out[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
            }
            return out;
        }

        /** x(T, in)·W(in, out) + bias, GPT-2's Conv1D layout. */
        private static double[][] linear(double[][] x, float[] weight, float[] bias, int out) {
            double[][] y = new double[x.length][out];
            for (int i = 0; i < x.length; i++) {
                for (int o = 0; o < out; o++) {
                    double s = bias[o];
                    for (int p = 0; p < x[i].length; p++) s += x[i][p] * weight[p * out + o];
                    y[i][o] = s;
                }
            }
            return y;
        }

        private static void add(double[][] x, double[][] y) {
            for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) x[i][j] += y[i][j];
        }
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
        assertThrows(IllegalArgumentException.class, () -> Inspector.inspect(model, new int[] {TinyModels.CONFIG.vocabSize()}));
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
