package nextword.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nextword.io.GptDirectory;
import nextword.io.NamedTensor;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    static final GptConfig CONFIG = new GptConfig(12, 16, 2, 2, 16);

    @TempDir
    Path dir;

    /** A text with structure to learn: counting up mod 10, with a random "noise" token now and then. */
    static int[] pattern(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(8) == 0 ? 10 + r.nextInt(2) : i % 10;
        return x;
    }

    private static TrainOptions options(int steps) {
        return TrainOptions.defaults(4, 16, steps).withLearningRate(1e-2f, 1e-3f, 5).withEvaluation(10, 2);
    }

    private Trainer trainer(Path out, TrainOptions o) {
        return Trainer.fresh(CONFIG, o, TokenWindows.random(pattern(4000, 1), o.seed()), TokenWindows.spread(pattern(500, 2), 8), out);
    }

    @Test
    void learnsAPatternAndLeavesAModelDirectoryAndALog() throws IOException {
        Trainer.Result r = trainer(dir, options(60)).run();
        assertEquals(60, r.steps());
        // uniform guessing costs ln 12 = 2.48 nats; the pattern is mostly predictable
        assertTrue(r.validationLoss() < 1.2, "validation loss " + r.validationLoss());
        GptWeights saved = GptDirectory.load(dir);
        assertEquals(CONFIG, saved.config);
        List<JsonNode> log = TrainingLog.read(dir.resolve(TrainingLog.FILE));
        assertEquals(60, log.stream().filter(e -> e.has("loss")).count());
        assertEquals(7, log.stream().filter(e -> e.has("val_loss")).count()); // steps 0, 10, …, 50 and the end
        JsonNode first = log.stream().filter(e -> e.has("loss")).findFirst().orElseThrow();
        assertTrue(first.get("lr").asDouble() < 1e-2 && first.get("tokens_per_s").asDouble() > 0);
    }

    @Test
    void resumingContinuesBitIdentically() throws IOException {
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        TrainOptions o = options(24).withAccumulation(2).withCheckpointEvery(5);
        trainer(straight, o).run();

        trainer(interrupted, o).run(13);
        Trainer resumed = Trainer.resume(interrupted, TokenWindows.random(pattern(4000, 1), o.seed()), TokenWindows.spread(pattern(500, 2), 8));
        assertEquals(13, resumed.step());
        resumed.run();

        Checkpoint.Saved a = Checkpoint.load(straight);
        Checkpoint.Saved b = Checkpoint.load(interrupted);
        assertEquals(a.position(), new Checkpoint.Position(24, 24, b.position().dataState(), a.position().elapsedSeconds()));
        assertEquals(a.position().dataState(), b.position().dataState());
        assertIdentical(a.weights(), b.weights());
        assertIdentical(a.adam().firstMoments(), b.adam().firstMoments());
        assertIdentical(a.adam().secondMoments(), b.adam().secondMoments());
        assertEquals(losses(straight), losses(interrupted), "the logs tell the same story");
    }

    private static void assertIdentical(GptWeights a, GptWeights b) {
        for (int k = 0; k < a.tensors().size(); k++) {
            NamedTensor x = a.tensors().get(k);
            assertArrayEquals(x.data(), b.tensors().get(k).data(), x.name());
        }
    }

    private static List<Double> losses(Path out) throws IOException {
        List<Double> l = new ArrayList<>();
        for (JsonNode e : TrainingLog.read(out.resolve(TrainingLog.FILE))) if (e.has("loss")) l.add(e.get("loss").asDouble());
        return l;
    }

    @Test
    void aStopRequestCheckpointsAndResumingFinishesTheSameRun() throws IOException {
        Path straight = dir.resolve("straight");
        Path stopped = dir.resolve("stopped");
        TrainOptions o = options(12);
        trainer(straight, o).run();
        Trainer t = trainer(stopped, o);
        t.listener(new Trainer.Listener() {
            @Override
            public void stepped(Trainer.Progress p) {
                if (p.step() == 6) t.requestStop(); // as Ctrl-C would, from another thread
            }
        });
        assertEquals(7, t.run().steps());
        Trainer.resume(stopped, TokenWindows.random(pattern(4000, 1), o.seed()), TokenWindows.spread(pattern(500, 2), 8)).run();
        assertIdentical(Checkpoint.load(straight).weights(), Checkpoint.load(stopped).weights());
    }

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        Trainer t = trainer(dir, options(20).withCheckpointEvery(2));
        t.listener(new Trainer.Listener() {
            @Override
            public void stepped(Trainer.Progress p) {
                if (p.step() == 4) t.model().weights().h[0].fcBias[0] = Float.NaN; // after the checkpoint at step 4
            }
        });
        var e = assertThrows(Trainer.TrainingDivergedException.class, t::run);
        assertTrue(e.getMessage().contains("step 5") && e.getMessage().contains("NaN") && e.getMessage().contains("step 4"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Checkpoint.Saved s = Checkpoint.load(dir); // loads, so every weight in it is finite
        assertEquals(4, s.position().step());
        assertTrue(Files.readString(dir.resolve(TrainingLog.FILE)).contains("\"error\""));
    }

    @Test
    void aTimeBudgetPlansAndEndsTheSchedule() throws IOException {
        TrainOptions o = new TrainOptions(2, 8, 1, 0, 0.02, 1e-2f, 1e-3f, 2, 0.1f, 0.9f, 0.95f, 1e-8f, 1f, 0, 1, 0, 8, 0, 7);
        long t0 = System.nanoTime();
        Trainer.Result r = trainer(dir, o).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.steps() >= 5, "steps " + r.steps());
        assertTrue(seconds < 1.2 + 3, "took " + seconds + " s for a 1.2 s budget");
        Checkpoint.Position p = Checkpoint.load(dir).position();
        assertEquals(r.steps(), p.totalSteps());
    }

    @Test
    void samplesTextWithTheTokenizer() throws IOException {
        Tokenizer digits = new Tokenizer() {
            public int[] encode(String text) { return text.chars().map(c -> c - '0').toArray(); }
            public String decode(int[] ids) { StringBuilder s = new StringBuilder(); for (int id : ids) s.append((char) ('0' + id)); return s.toString(); }
            public int vocabSize() { return 12; }
            public String piece(int id) { return decode(new int[] {id}); }
        };
        List<String> samples = new ArrayList<>();
        trainer(dir, options(40).withSampling(20, 12)).sampling(digits, new int[] {3}).listener(new Trainer.Listener() {
            @Override
            public void sampled(int step, String text) {
                samples.add(text);
            }
        }).run();
        assertEquals(1, samples.size());
        assertEquals(12, samples.getFirst().length());
    }

    @Test
    void tokenWindowsShiftTargetsAndRestoreTheirPosition() {
        int[] tokens = new int[100];
        for (int i = 0; i < 100; i++) tokens[i] = i;
        TokenWindows w = TokenWindows.random(tokens, 3);
        int[] in = new int[2 * 5];
        int[] tg = new int[2 * 5];
        long state = w.state();
        w.next(in, tg, 2, 5);
        for (int i = 0; i < 10; i++) assertEquals(in[i] + 1, tg[i]);
        int[] again = new int[10];
        w.restore(state);
        w.next(again, tg, 2, 5);
        assertArrayEquals(in, again);
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.spread(new int[5], 1).next(in, tg, 1, 5));
        // evenly spread windows cover the whole array, and come round again after a restore
        TokenWindows v = TokenWindows.spread(tokens, 4);
        int[] firsts = new int[4];
        for (int i = 0; i < 4; i++) {
            v.next(in, tg, 1, 5);
            firsts[i] = in[0];
        }
        assertArrayEquals(new int[] {0, 23, 46, 69}, firsts);
        v.restore(0);
        v.next(in, tg, 1, 5);
        assertEquals(0, in[0]);
    }
}
