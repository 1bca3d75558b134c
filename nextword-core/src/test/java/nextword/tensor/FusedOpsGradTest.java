package nextword.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nextword.testing.GradCheck;
import org.junit.jupiter.api.Test;

/** The transformer's fused operations: LayerNorm, attention, embeddings, and the losses. */
class FusedOpsGradTest {

    private static final GradCheck CHECK = GradCheck.standard();

    private static Tensor in(long seed, int... shape) {
        return GradCheck.input(seed, shape);
    }

    @Test
    void layerNorm() {
        for (int[] s : new int[][] {{1, 3}, {3, 17}, {2, 65}, {2, 3, 5}}) {
            int c = s[s.length - 1];
            CHECK.check("layerNorm " + Shapes.str(s), x -> x[0].layerNorm(x[1], x[2], 1e-5f), in(1, s), in(2, c), in(3, c));
        }
        Tensor y = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4).layerNorm(Tensor.ones(4), Tensor.zeros(4), 0f);
        assertEquals(0f, y.sum().item(), 1e-6);
        assertEquals(-3 / Math.sqrt(5), y.get(0, 0), 1e-6);
    }

    @Test
    void attentionWithSeveralHeads() {
        // (B, T, 3C) with C = 6 split into 3 heads of 2, and a single-head odd case
        CHECK.check("attention nh=3", x -> x[0].causalSelfAttention(3).out(), in(4, 2, 5, 18));
        CHECK.check("attention nh=1", x -> x[0].causalSelfAttention(1).out(), in(5, 1, 3, 3));
        CHECK.check("attention nh=2 T=17", x -> x[0].causalSelfAttention(2).out(), in(6, 1, 17, 12));
    }

    @Test
    void attentionWeightsAreCausalProbabilities() {
        AttentionOutput a = in(7, 2, 5, 12).causalSelfAttention(2);
        Tensor w = a.weights();
        assertArrayEquals(new int[] {2, 2, 5, 5}, w.shape());
        for (int i = 0; i < 5; i++) {
            float rowSum = 0;
            for (int s = 0; s < 5; s++) rowSum += w.get(1, 1, i, s);
            assertEquals(1f, rowSum, 1e-5);
            if (i < 4) assertEquals(0f, w.get(1, 1, i, i + 1));
        }
        // The first position can only look at itself: its output is its own value vector.
        assertEquals(1f, w.get(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> in(8, 1, 2, 12).causalSelfAttention(5));
    }

    @Test
    void embeddingScattersGradientsOntoRepeatedRows() {
        int[] ids = {2, 0, 2, 2, 4};
        CHECK.check("embedding", x -> Tensor.embedding(x[0], ids, 1, 5).tanh(), in(9, 5, 3));
        Tensor table = Tensor.of(new float[] {0, 1, 10, 11, 20, 21}, 3, 2).requireGrad();
        Tensor e = Tensor.embedding(table, new int[] {2, 2, 0});
        assertArrayEquals(new float[] {20, 21, 20, 21, 0, 1}, e.toArray());
        e.sum().backward();
        assertArrayEquals(new float[] {1, 1, 0, 0, 2, 2}, table.grad());
        assertThrows(IllegalArgumentException.class, () -> Tensor.embedding(table, new int[] {3}));
    }

    @Test
    void crossEntropyIgnoresMinusOneTargets() {
        int[] targets = {3, -1, 0, 16};
        CHECK.check("crossEntropy", x -> x[0].crossEntropy(targets), in(10, 4, 17));
        CHECK.check("crossEntropy (B, T, V)", x -> x[0].crossEntropy(new int[] {1, 0, 2, 2, -1, 1}), in(11, 2, 3, 3));
        CHECK.check("crossEntropy scaled upstream", x -> x[0].crossEntropy(new int[] {64}).scale(3f), in(12, 1, 65));

        Tensor logits = Tensor.of(new float[] {0, 0, 0, 5, 5, 5}, 2, 3).requireGrad();
        Tensor loss = logits.crossEntropy(new int[] {1, -1});
        assertEquals(Math.log(3), loss.item(), 1e-6);
        loss.backward();
        assertArrayEquals(new float[] {1 / 3f, -2 / 3f, 1 / 3f, 0, 0, 0}, logits.grad(), 1e-6f);
        assertEquals(0f, Tensor.zeros(2, 3).crossEntropy(new int[] {-1, -1}).item());
        assertThrows(IllegalArgumentException.class, () -> logits.crossEntropy(new int[] {3, 0}));
    }

    @Test
    void mse() {
        CHECK.check("mse", x -> x[0].mse(x[1]), in(13, 3, 17), in(14, 3, 17));
        assertEquals(2.5f, Tensor.of(new float[] {1, 2}, 2).mse(Tensor.of(new float[] {2, 4}, 2)).item());
    }

    @Test
    void noGradRecordsNothing() {
        Tensor w = in(15, 3, 3);
        Tensor y;
        try (var g = Autograd.noGrad()) {
            y = w.matmul(w).tanh().sum();
            try (var inner = Autograd.noGrad()) {
                assertEquals(false, Autograd.isRecording());
            }
            assertEquals(false, Autograd.isRecording(), "closing a nested scope keeps the outer one");
        }
        assertEquals(true, Autograd.isRecording());
        assertEquals(false, y.requiresGrad());
        assertThrows(IllegalStateException.class, y::backward);
        assertNull(w.grad());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requireGrad();
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {4, 8, 12}, x.grad());
        x.zeroGrad();
        assertArrayEquals(new float[] {0, 0, 0}, x.grad());
        Tensor loss = x.sum();
        loss.backward();
        assertThrows(IllegalStateException.class, loss::backward, "a graph runs backward once");
    }
}
