package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Batched decoding equals decoding alone, bit for bit, in both precisions and from any number of threads. */
class DecodeBatchTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aBatchStepGivesEachSessionTheLogitsItGetsAlone(Precision precision) throws Exception {
        try (LanguageModel model = TinyModels.model(5, precision)) {
            int n = 3;
            Session[] alone = new Session[n];
            Session[] batched = new Session[n];
            for (int i = 0; i < n; i++) {
                int[] prompt = TinyModels.tokens(3 + 7 * i, i); // different lengths: different positions and caches
                alone[i] = model.newSession();
                batched[i] = model.newSession(40 - i);          // and different capacities (cache sizes)
                alone[i].prefill(prompt);
                batched[i].prefill(prompt);
            }
            DecodeBatch batch = new DecodeBatch(model, n);
            int[] next = TinyModels.tokens(n, 99);
            for (int step = 0; step < 12; step++) {
                batch.step(batched, next, n);
                for (int i = 0; i < n; i++) {
                    float[] want = alone[i].decode(next[i]);
                    assertArrayEquals(want, batched[i].logits(), "session " + i + " step " + step);
                    assertArrayEquals(alone[i].tokens(), batched[i].tokens());
                    next[i] = nextword.model.Sampler.argmax(want);
                }
            }
        }
    }

    @Test
    void generationsOnManyThreadsSharingABatchAreTheirSoloGenerations() throws Exception {
        try (LanguageModel model = TinyModels.model(8, Precision.FLOAT32)) {
            int threads = 4;
            List<Generation> solo = new ArrayList<>();
            for (int t = 0; t < threads; t++) solo.add(run(model, t, null));
            DecodeBatch batch = new DecodeBatch(model, threads);
            List<Future<Generation>> together = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    together.add(pool.submit(() -> run(model, id, batch)));
                }
                for (int t = 0; t < threads; t++) {
                    assertArrayEquals(solo.get(t).ids(), together.get(t).get().ids(), "thread " + t);
                    assertEquals(solo.get(t).text(), together.get(t).get().text());
                }
            }
            long[] counts = batch.counts();
            assertTrue(counts[1] >= threads * 20L, "every decode step went through the batch: " + counts[1]);
            assertTrue(counts[0] < counts[1], "some steps were shared: " + counts[0] + " batches for " + counts[1] + " tokens");
        }
    }

    /** A seeded generation of 30 tokens, with its session in batch (null: alone). */
    private static Generation run(LanguageModel model, int id, DecodeBatch batch) {
        Session s = model.newSession();
        if (batch != null) batch.join(s);
        try {
            int[] prompt = TinyModels.tokens(2 + id, 100 + id);
            return Generator.generate(s, prompt, SamplingOptions.defaults().withSeed(id).withMaxTokens(30).withIgnoreEndOfText(true), null);
        } finally {
            if (batch != null) batch.leave(s);
        }
    }

    @Test
    void refusesMoreSessionsThanItHoldsAndTokensItCannotDecode() throws Exception {
        try (LanguageModel model = TinyModels.model(1, Precision.FLOAT32); LanguageModel other = TinyModels.model(2, Precision.FLOAT32)) {
            DecodeBatch batch = new DecodeBatch(model, 1);
            Session s = model.newSession();
            batch.join(s);
            assertThrows(IllegalStateException.class, () -> batch.join(model.newSession()));
            assertThrows(IllegalArgumentException.class, () -> s.decode(TinyModels.CONFIG.vocabSize()));
            assertThrows(IllegalArgumentException.class, () -> new DecodeBatch(other, 1).join(model.newSession()));
            batch.leave(s);
            assertEquals(0, s.length());
        }
    }
}
