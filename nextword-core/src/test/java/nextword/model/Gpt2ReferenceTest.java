package nextword.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import nextword.io.GptDirectory;
import nextword.io.NamedTensor;
import nextword.io.SafeTensors;
import nextword.testing.SharedData;
import nextword.train.AdamW;
import nextword.train.GradientNorm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract: our GPT-2 against an independent PyTorch float64 run on shared/reference/gpt2-tiny —
 * logits, loss and log-probabilities, every gradient, ten AdamW steps, and a greedy continuation.
 */
class Gpt2ReferenceTest {

    private static Path dir;
    private static JsonNode expected;
    private static int[] inputs;
    private static int[] targets;
    private static GptWeights initial;

    @BeforeAll
    static void load() throws IOException {
        dir = SharedData.require("reference/gpt2-tiny");
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        inputs = flatten(expected.get("batch_inputs"));
        targets = flatten(expected.get("batch_targets"));
        initial = GptDirectory.load(dir);
    }

    /** A fresh model with the reference weights (loaded once; each test trains its own copy). */
    private static Gpt model() {
        GptWeights w = GptWeights.zeros(initial.config);
        w.copyFrom(initial);
        return new Gpt(w);
    }

    @Test
    void forwardMatchesLogitsLossAndLogProbabilities() throws IOException {
        Gpt gpt = model();
        int v = gpt.config().vocabSize();
        float loss = gpt.forward(inputs, targets, 2, 16);
        assertEquals(expected.get("loss").asDouble(), loss, 1e-5 * expected.get("loss").asDouble());

        float[] logits = gpt.logits();
        JsonNode logprobs = expected.get("target_logprobs");
        JsonNode topIds = expected.get("top10_ids");
        JsonNode topLogits = expected.get("top10_logits");
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 16; t++) {
                int row = b * 16 + t;
                assertEquals(logprobs.get(b).get(t).asDouble(), -gpt.losses()[row], 2e-5, "log p(target) at " + b + "," + t);
                for (int k = 0; k < 10; k++) {
                    int id = topIds.get(b).get(t).get(k).asInt();
                    assertEquals(topLogits.get(b).get(t).get(k).asDouble(), logits[row * v + id], 2e-5, "logit of top-" + k + " at " + b + "," + t);
                }
                assertEquals(topIds.get(b).get(t).get(0).asInt(), Sampler.argmax(java.util.Arrays.copyOfRange(logits, row * v, row * v + v)));
            }
        }
        try (SafeTensors st = SafeTensors.open(dir.resolve("expected.safetensors"))) {
            float[] last = st.floats("logits_last");
            float[] ours = new float[2 * v];
            for (int b = 0; b < 2; b++) System.arraycopy(logits, (b * 16 + 15) * v, ours, b * v, v);
            assertClose("logits_last", last, ours, 1e-5);
        }
    }

    @Test
    void everyGradientMatches() throws IOException {
        Gpt gpt = model();
        gpt.forwardBackward(inputs, targets, 2, 16, 1f);
        try (SafeTensors st = SafeTensors.open(dir.resolve("expected.safetensors"))) {
            for (NamedTensor g : gpt.gradients().tensors()) {
                assertClose("grad " + g.name(), st.floats("grad.transformer." + g.name()), g.data(), 1e-4);
            }
        }
    }

    @Test
    void tenAdamWStepsMatch() throws IOException {
        Gpt gpt = model();
        JsonNode train = expected.get("train");
        AdamW adam = new AdamW(gpt.config(), 0.9f, 0.95f, 1e-8f, 0.1f);
        for (int step = 0; step < 10; step++) {
            gpt.zeroGradients();
            float loss = gpt.forwardBackward(inputs, targets, 2, 16, 1f);
            double norm = GradientNorm.clip(gpt.gradients(), 1.0);
            double wantLoss = train.get("losses").get(step).asDouble();
            double wantNorm = train.get("grad_norms").get(step).asDouble();
            assertEquals(wantLoss, loss, 1e-5 * wantLoss, "loss before step " + step);
            assertEquals(wantNorm, norm, 1e-5 * wantNorm, "gradient norm before step " + step);
            adam.update(gpt.weights(), gpt.gradients(), 1e-3f);
        }
    }

    @Test
    void greedyContinuationMatches() throws IOException {
        int[] prompt = flatten(expected.get("prompt_ids"));
        int[] want = flatten(expected.get("greedy_ids"));
        assertArrayEquals(want, new Sampler(model()).continuation(prompt, want.length, 0f, null));
    }

    /** Max-abs error within tol × the largest expected magnitude: relative, without dividing by near-zeros. */
    static void assertClose(String what, float[] want, float[] got, double tol) {
        assertEquals(want.length, got.length, what + " length");
        double scale = 0;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            err = Math.max(err, Math.abs(want[i] - got[i]));
        }
        assertTrue(scale > 0, what + " is all zeros: the check would prove nothing");
        assertTrue(err <= tol * scale, what + ": max error " + err + " exceeds " + tol + " × " + scale);
    }

    private static int[] flatten(JsonNode node) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        collect(node, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collect(JsonNode node, java.util.List<Integer> out) {
        if (node.isArray()) for (JsonNode n : node) collect(n, out);
        else out.add(node.asInt());
    }
}
