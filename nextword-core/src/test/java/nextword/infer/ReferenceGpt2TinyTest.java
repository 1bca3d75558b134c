package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import nextword.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine against PyTorch (float64) on shared/reference/gpt2-tiny: greedy continuation and per-token log-probabilities. */
class ReferenceGpt2TinyTest {

    private static JsonNode expected;
    private static LanguageModel model;

    @BeforeAll
    static void load() throws IOException {
        Path dir = SharedData.require("reference/gpt2-tiny");
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        model = LanguageModel.load(dir);
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    static int[] ints(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    @Test
    void promptTokenizesAsReference() {
        assertArrayEquals(ints(expected.get("prompt_ids")), model.tokenizer().encode(expected.get("prompt_text").asText()));
    }

    @Test
    void greedyContinuationIsTheReferences() {
        Generation g = Generator.generate(model.newSession(), ints(expected.get("prompt_ids")),
                SamplingOptions.greedy().withMaxTokens(20).withIgnoreEndOfText(true), null);
        assertArrayEquals(ints(expected.get("greedy_ids")), g.ids());
        assertEquals(expected.get("greedy_text").asText(), g.text());
        assertEquals(FinishReason.LENGTH, g.finish());
    }

    @Test
    void scoreGivesTheReferenceLogProbabilities() {
        Session session = model.newSession();
        for (int b = 0; b < 2; b++) {
            int[] inputs = ints(expected.get("batch_inputs").get(b));
            int[] targets = ints(expected.get("batch_targets").get(b));
            int[] ids = java.util.Arrays.copyOf(inputs, inputs.length + 1);
            ids[inputs.length] = targets[targets.length - 1];
            for (int t = 0; t + 1 < inputs.length; t++) assertEquals(inputs[t + 1], targets[t], "targets are the inputs shifted");
            float[] lp = Scorer.logProbs(session, ids);
            JsonNode want = expected.get("target_logprobs").get(b);
            for (int t = 0; t < lp.length; t++) assertEquals(want.get(t).asDouble(), lp[t], 2e-5, "log p of target " + t + " in row " + b);
        }
    }

    @Test
    void decodingOneTokenAtATimeGivesTheReferenceLogProbabilities() {
        Session session = model.newSession();
        int[] inputs = ints(expected.get("batch_inputs").get(1));
        int[] targets = ints(expected.get("batch_targets").get(1));
        JsonNode want = expected.get("target_logprobs").get(1);
        float[] row = new float[model.config().vocabSize()];
        for (int t = 0; t < inputs.length; t++) {
            float[] logits = session.decode(inputs[t]);
            nextword.kernels.Kernels.ops().logSoftmax(logits, 0, row, 0, row.length);
            assertEquals(want.get(t).asDouble(), row[targets[t]], 2e-5, "log p of target " + t);
        }
    }

    @Test
    void eightBitWeightsStayClose() throws IOException {
        try (LanguageModel q8 = LanguageModel.load(SharedData.require("reference/gpt2-tiny"), Precision.Q8_0)) {
            assertEquals(Precision.Q8_0, q8.precision());
            assertTrue(q8.bytesPerToken() < model.bytesPerToken() / 3.5, q8.bytesPerToken() + " vs " + model.bytesPerToken());
            int[] inputs = ints(expected.get("batch_inputs").get(0));
            float[] exact = Scorer.logProbs(model.newSession(), inputs);
            float[] approx = Scorer.logProbs(q8.newSession(), inputs);
            // 8 bits per weight and per activation: about 0.4% noise on each, a few hundredths on a log-probability
            double sum = 0;
            for (int t = 0; t < exact.length; t++) {
                assertEquals(exact[t], approx[t], 0.1, "log p at " + t);
                sum += Math.abs(exact[t] - approx[t]);
            }
            assertTrue(sum / exact.length < 0.04, "mean |difference| " + sum / exact.length);
            assertTrue(sum > 0, "8-bit results identical to float32: was anything quantized?");
        }
    }
}
