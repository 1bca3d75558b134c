package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import nextword.io.GptDirectory;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.model.GptWeights;
import nextword.model.Sampler;
import nextword.testing.SharedData;
import nextword.tokenize.Tokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loop: what it reports per token, when it stops, how it slides, and that a seed replays it. */
class GenerationTest {

    private static LanguageModel model;

    @BeforeAll
    static void load() throws IOException {
        model = TinyModels.model(31, Precision.FLOAT32);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static final int[] PROMPT = TinyModels.tokens(6, 32);

    @Test
    void greedyFollowsTheArgmaxAndReportsLogProbabilities() {
        Generation g = Generator.generate(model.newSession(), PROMPT, SamplingOptions.greedy().withMaxTokens(10).withTopLogprobs(3), null);
        assertEquals(10, g.tokens().size());
        assertEquals(FinishReason.LENGTH, g.finish());
        Session s = model.newSession();
        float[] logits = s.prefill(PROMPT);
        float[] lp = new float[logits.length];
        StringBuilder text = new StringBuilder();
        for (GeneratedToken t : g.tokens()) {
            Kernels.ops().logSoftmax(logits, 0, lp, 0, lp.length);
            assertEquals(Sampler.argmax(logits), t.id());
            assertEquals(lp[t.id()], t.logprob(), 1e-6);
            assertEquals(3, t.top().size());
            assertEquals(t.id(), t.top().get(0).id(), "greedy picks the first alternative");
            assertTrue(t.top().get(0).logprob() >= t.top().get(1).logprob() && t.top().get(1).logprob() >= t.top().get(2).logprob());
            assertEquals(model.tokenizer().piece(t.id()), t.piece());
            text.append(t.text());
            logits = s.decode(t.id());
        }
        assertEquals(text.toString(), g.text());
        assertEquals(model.tokenizer().decode(g.ids()), g.text());
        assertEquals(PROMPT.length, g.promptTokens());
    }

    @Test
    void theSameSeedReplaysOnAnyNumberOfThreads() {
        SamplingOptions o = SamplingOptions.defaults().withSeed(7).withMaxTokens(30).withTopP(0.95f).withPenalties(1.2f, 0.1f, 0.1f);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Generation one = Generator.generate(model.newSession(), PROMPT, o, null);
            Parallel.setThreads(2);
            Generation two = Generator.generate(model.newSession(), PROMPT, o, null);
            assertArrayEquals(one.ids(), two.ids());
            assertEquals(one.text(), two.text());
            Generation other = Generator.generate(model.newSession(), PROMPT, o.withSeed(8), null);
            assertNotEquals(Arrays.toString(one.ids()), Arrays.toString(other.ids()));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void stopStringsEndTheTextBeforeThem() {
        Generation free = Generator.generate(model.newSession(), PROMPT, SamplingOptions.greedy().withMaxTokens(30), null);
        String stop = free.text().substring(10, 12);
        int at = free.text().indexOf(stop);
        List<String> streamed = new ArrayList<>();
        Generation g = Generator.generate(model.newSession(), PROMPT, SamplingOptions.greedy().withMaxTokens(30).withStop(List.of(stop)),
                t -> streamed.add(t.text()));
        assertEquals(FinishReason.STOP, g.finish());
        assertEquals(free.text().substring(0, at), g.text());
        assertEquals(g.text(), String.join("", streamed));
        assertTrue(g.tokens().size() <= at + stop.length());
    }

    @Test
    void listenersAndCallersCanCancel() {
        Generation g = Generator.generate(model.newSession(), PROMPT, SamplingOptions.greedy().withMaxTokens(30), t -> false);
        assertEquals(FinishReason.CANCELLED, g.finish());
        assertEquals(1, g.tokens().size());
        AtomicBoolean cancel = new AtomicBoolean();
        List<GeneratedToken> seen = new ArrayList<>();
        Generation h = Generator.generate(model.newSession(), PROMPT, SamplingOptions.greedy().withMaxTokens(30), t -> {
            seen.add(t);
            if (seen.size() == 4) cancel.set(true);
            return true;
        }, cancel::get);
        assertEquals(FinishReason.CANCELLED, h.finish());
        assertEquals(4, h.tokens().size());
    }

    @Test
    void theWindowSlidesWhenTheContextIsFull() {
        int capacity = 12;
        Generation small = Generator.generate(model.newSession(capacity), PROMPT, SamplingOptions.greedy().withMaxTokens(25), null);
        assertEquals(25, small.tokens().size());
        Generation large = Generator.generate(model.newSession(), PROMPT, SamplingOptions.greedy().withMaxTokens(25), null);
        // identical while everything fits: the prompt and the first tokens
        int fits = capacity - PROMPT.length + 1;
        assertArrayEquals(Arrays.copyOf(large.ids(), fits), Arrays.copyOf(small.ids(), fits));
        // a prompt longer than the session keeps its end
        int[] longPrompt = TinyModels.tokens(40, 33);
        Generation cut = Generator.generate(model.newSession(capacity), longPrompt, SamplingOptions.greedy().withMaxTokens(3), null);
        assertEquals(capacity, cut.promptTokens());
        Generation tail = Generator.generate(model.newSession(), Arrays.copyOfRange(longPrompt, 40 - capacity, 40), SamplingOptions.greedy().withMaxTokens(1), null);
        assertEquals(tail.ids()[0], cut.ids()[0]);
    }

    @Test
    void endOfTextEndsAGenerationUnlessIgnored() throws IOException {
        // gpt2-tiny with the final LayerNorm rigged so that every position's logits favour <|endoftext|>
        var dir = SharedData.require("reference/gpt2-tiny");
        GptWeights w = GptDirectory.load(dir);
        Arrays.fill(w.lnfWeight, 0f);
        Arrays.fill(w.lnfBias, 0f);
        w.lnfBias[0] = 1f;
        w.wte[50256 * w.config.width()] = 100f;
        try (LanguageModel m = LanguageModel.of(w, Tokenizers.gpt2(List.of(dir)), Precision.FLOAT32)) {
            assertEquals(50256, m.endOfText());
            Generation g = Generator.generate(m.newSession(), "Hello", SamplingOptions.greedy().withMaxTokens(5), null);
            assertEquals(FinishReason.END_OF_TEXT, g.finish());
            assertEquals(0, g.tokens().size());
            Generation on = Generator.generate(m.newSession(), "Hello", SamplingOptions.greedy().withMaxTokens(3).withIgnoreEndOfText(true), null);
            assertArrayEquals(new int[] {50256, 50256, 50256}, on.ids());
            // an empty prompt starts from <|endoftext|>, as GPT-2's documents did
            assertEquals(1, Generator.generate(m.newSession(), "", SamplingOptions.greedy().withMaxTokens(1), null).promptTokens());
        }
    }

    @Test
    void scoringInWindowsGivesEachTokenAtLeastHalfAContext() {
        int capacity = 16;
        int[] ids = TinyModels.tokens(30, 34);
        float[] windowed = Scorer.logProbs(model.newSession(capacity), ids);
        float[] row = new float[TinyModels.CONFIG.vocabSize()];
        for (int j = 1; j < ids.length; j++) {
            // windows [0, 16), [8, 24), [16, 30): token j is scored in the first window that reaches it
            int start = j < 16 ? 0 : j < 24 ? 8 : 16;
            Session s = model.newSession();
            float[] logits = s.prefill(Arrays.copyOfRange(ids, start, j));
            Kernels.ops().logSoftmax(logits, 0, row, 0, row.length);
            assertEquals(row[ids[j]], windowed[j - 1], 1e-5, "token " + j);
        }
        Scorer.Score score = Scorer.score(model.newSession(), "the cat sat.");
        assertFalse(score.firstScored(), "the character tokenizer has no <|endoftext|> to start from");
        assertEquals(11, score.bytes());
        double nats = 0;
        for (float l : score.logprobs()) nats -= l;
        assertEquals(nats / score.logprobs().length, score.loss(), 1e-9);
        assertEquals(Math.exp(score.loss()), score.perplexity(), 1e-9);
        assertEquals(nats / Math.log(2) / 11, score.bitsPerByte(), 1e-9);
    }

    @Test
    void chatKeepsHistoryAndSlides() throws IOException {
        try (LanguageModel m = TinyModels.model(35, Precision.FLOAT32)) {
            Chat chat = new Chat(m.newSession(40), SamplingOptions.greedy().withMaxTokens(6), "AB\n");
            String first = chat.transcript("hi");
            assertEquals("AB\nUser: hi\nAssistant:", first);
            chat.reply("hi", null);
            chat.reply("how are you", null);
            assertEquals(2, chat.history().size());
            assertTrue(chat.transcript("ok").contains("User: hi\nAssistant: ") || chat.forgotten() > 0);
            for (int i = 0; i < 5; i++) chat.reply("tell me more", null);
            assertTrue(chat.forgotten() > 0, "40 tokens cannot hold seven exchanges");
            assertTrue(chat.transcript("x").startsWith("AB\nUser: "), "the preamble stays");
            chat.reset();
            assertEquals(0, chat.history().size());
            assertEquals(0, chat.forgotten());
        }
    }

    @Test
    void quantizedModelsAgreeMostlyWithFloat() throws IOException {
        try (LanguageModel q = LanguageModel.of(TinyModels.weights(TinyModels.CONFIG, 31), TinyModels.tokenizer(), Precision.Q8_0)) {
            int[] ids = TinyModels.tokens(48, 36);
            Quantizer.Comparison self = Quantizer.compare(model, model, ids);
            assertEquals(1.0, self.agreement());
            assertEquals(self.perplexity(), self.other(), 1e-9);
            Quantizer.Comparison c = Quantizer.compare(model, q, ids);
            assertTrue(c.agreement() > 0.8, "agreement " + c.agreement());
            assertEquals(c.perplexity(), c.other(), 0.05 * c.perplexity());
        }
    }
}
