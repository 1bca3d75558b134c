package nextword.lab.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import nextword.lab.plot.Pictures;
import nextword.model.GptConfig;
import nextword.model.Sampler;
import nextword.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The looks inside a GPT, on the reference GPT-2 (random weights, real tokenizer and shapes). */
class InsideGptTest {

    static GptProbe probe;
    static GptProbe.Pass pass;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws Exception {
        probe = GptProbe.open(SharedData.require("reference/gpt2-tiny"));
        pass = probe.run("The best thing about AI is its ability to");
    }

    @Test
    void everyAttentionRowIsADistributionOverThePast() {
        GptConfig c = probe.config();
        for (int l = 0; l < c.layers(); l++) {
            for (AttentionMaps.Head h : AttentionMaps.block(pass, c.heads(), l)) {
                double[][] w = h.weights();
                for (int q = 0; q < w.length; q++) {
                    double sum = 0;
                    for (int k = 0; k < w.length; k++) {
                        assertTrue(w[q][k] >= 0, "weights are probabilities");
                        if (k > q) assertEquals(0, w[q][k], "block " + l + " head " + h.head() + ": position " + q + " sees the future");
                        sum += w[q][k];
                    }
                    assertEquals(1, sum, 1e-5, "block " + l + " head " + h.head() + " row " + q);
                }
            }
        }
        assertEquals(c.layers(), AttentionMaps.firstHeads(pass).size());
        assertThrows(IllegalArgumentException.class, () -> AttentionMaps.block(pass, c.heads(), c.layers()));
    }

    @Test
    void theLogitLensAtTheLastLayerIsTheModelsOwnOutput() {
        int t = pass.length();
        int layers = probe.config().layers();
        float[] lens = LogitLens.logits(probe.gpt().weights(), pass.residuals()[layers], t);
        assertArrayEquals(pass.logits(), lens, 1e-4f);
        LogitLens l = LogitLens.of(probe, pass, 3);
        assertEquals(layers + 1, l.top().size());
        int v = probe.config().vocabSize();
        for (int i = 0; i < t; i++) {
            int best = Sampler.argmax(java.util.Arrays.copyOfRange(pass.logits(), i * v, (i + 1) * v));
            assertEquals(best, l.top().get(layers).get(i).getFirst().id(), "position " + i);
        }
        // An earlier layer reads a different stream, so it guesses differently somewhere.
        assertTrue(!java.util.Arrays.equals(lens, LogitLens.logits(probe.gpt().weights(), pass.residuals()[1], t)));
    }

    @Test
    void whatTheFirstBlockReadsIsTokenPlusPositionEmbedding() {
        EmbeddingArrays a = EmbeddingArrays.of(probe, EmbeddingArrays.DEFAULT_TEXT);
        assertEquals(20, a.tokens().size(), "hello ×10, bye ×10 are 20 GPT-2 tokens");
        for (int i = 0; i < a.tokens().size(); i++) {
            for (int j = 0; j < a.sum()[i].length; j++) assertEquals(a.token()[i][j] + a.position()[i][j], a.sum()[i][j], 1e-6);
        }
        assertArrayEquals(a.token()[1], a.token()[9], "the same token, the same row");
    }

    @Test
    void theMovingAverageAveragesSquares() {
        double[][] m = new double[5][6];
        for (int r = 0; r < 5; r++) for (int c = 0; c < 6; c++) m[r][c] = r * 10 + c;
        double[][] avg = WeightPictures.movingAverage(m, 2);
        assertEquals(4, avg.length);
        assertEquals(5, avg[0].length);
        for (int r = 0; r < 4; r++) for (int c = 0; c < 5; c++) assertEquals(r * 10 + c + 5.5, avg[r][c], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> WeightPictures.movingAverage(m, 6));
        WeightPictures.Histogram h = WeightPictures.histogram(probe.gpt().weights(), 50);
        for (double[] density : h.density()) {
            double area = 0;
            for (double d : density) area += d * (h.edges()[1] - h.edges()[0]);
            assertEquals(1, area, 1e-9, "each block's density integrates to 1");
        }
    }

    @Test
    void theTrajectoryFollowsGreedyDecodingWithItsFans() {
        Trajectory t = Trajectory.of(probe, "The best thing", 4, 3, 0, 1);
        int[] prompt = probe.tokenizer().encode("The best thing");
        int[] greedy = new Sampler(probe.gpt()).continuation(prompt, 4, 0, new SplittableRandom(1));
        assertEquals(prompt.length + 4, t.steps().size());
        for (int i = 0; i < 4; i++) {
            Trajectory.Step s = t.steps().get(prompt.length + i);
            assertEquals(greedy[i], s.id());
            assertTrue(s.generated());
            // At temperature 0 each generated token is the top of the fan before it.
            assertEquals(s.id(), t.steps().get(prompt.length + i - 1).next().getFirst().id());
        }
        for (Trajectory.Step s : t.steps()) {
            List<Trajectory.Candidate> fan = s.next();
            assertEquals(3, fan.size());
            for (int j = 1; j < fan.size(); j++) assertTrue(fan.get(j - 1).probability() >= fan.get(j).probability());
            assertTrue(t.coordinates().containsKey(s.id()));
        }
    }

    @Test
    void everyLookDrawsAPicture() {
        List<BufferedImage> pictures = List.of(
                EmbeddingArrays.of(probe, "hello bye").draw(probe.name()),
                AttentionMaps.draw("t", AttentionMaps.firstHeads(pass), pass.labels()),
                WeightPictures.drawMatrix(probe.name(), "h.0.mlp.c_fc.weight", WeightPictures.matrix(probe.gpt().weights(), "h.0.mlp.c_fc.weight")),
                WeightPictures.drawHistogram(probe.name(), WeightPictures.histogram(probe.gpt().weights(), 20)),
                LogitLens.of(probe, pass, 2).draw(probe.name()),
                Trajectory.of(probe, "The best", 2, 2, 0, 1).draw2d(),
                Trajectory.of(probe, "The best", 2, 2, 0.8f, 1).draw3d());
        int i = 0;
        for (BufferedImage p : pictures) {
            assertTrue(p.getWidth() > 200 && p.getHeight() > 100);
            assertTrue(Pictures.save(p, dir.resolve("p" + i++ + ".png")).toFile().length() > 2000);
        }
        assertThrows(IllegalArgumentException.class, () -> WeightPictures.matrix(probe.gpt().weights(), "h.0.ln_1.weight"));
        assertThrows(IllegalArgumentException.class, () -> WeightPictures.matrix(probe.gpt().weights(), "no.such"));
    }
}
