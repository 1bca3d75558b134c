package nextword.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nextword.kernels.Parallel;
import nextword.tensor.Tensor;
import nextword.tensor.WeightLayout;
import org.junit.jupiter.api.Test;

/** Gradients must not depend on how many threads the kernels use: same inputs, same bits. */
class ThreadIndependenceTest {

    private static final int B = 2;
    private static final int T = 16;
    private static final int C = 32;
    private static final int V = 67;
    private static final int HEADS = 4;

    /** One transformer block and a tied output head, GPT-2 style, returning every parameter's gradient. */
    private static List<float[]> gradients() {
        SplittableRandom rng = new SplittableRandom(11);
        Embedding wte = new Embedding(V, C, 0.02f, rng);
        Embedding wpe = new Embedding(T, C, 0.02f, rng);
        LayerNorm ln1 = new LayerNorm(C);
        Linear attn = new Linear(Tensor.randn(rng, 0.02f, C, 3 * C), Tensor.zeros(3 * C), WeightLayout.IN_OUT);
        Linear proj = new Linear(Tensor.randn(rng, 0.02f, C, C), Tensor.zeros(C), WeightLayout.IN_OUT);
        LayerNorm ln2 = new LayerNorm(C);
        MLP mlp = new MLP(rng, Activation.GELU, C, 4 * C, C);
        int[] ids = new int[B * T];
        int[] targets = new int[B * T];
        int[] positions = new int[B * T];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
            targets[i] = rng.nextInt(V);
            positions[i] = i % T;
        }
        Tensor x = wte.forward(ids, B, T).add(wpe.forward(positions, B, T));                 // (B, T, C)
        x = x.add(proj.forward(attn.forward(ln1.forward(x)).causalSelfAttention(HEADS).out()));
        x = x.add(mlp.forward(ln2.forward(x)));
        x.linear(wte.weight(), null).crossEntropy(targets).backward();                        // (B, T, V) logits

        List<float[]> grads = new ArrayList<>();
        for (Module m : List.of(wte, wpe, ln1, attn, proj, ln2, mlp)) for (Tensor p : m.parameters()) grads.add(p.grad());
        return grads;
    }

    /** A LeNet-sized convolutional net on a batch of 4 images, every parameter's gradient. */
    private static List<float[]> convGradients() {
        SplittableRandom rng = new SplittableRandom(12);
        Conv2d c1 = new Conv2d(1, 8, 5, 1, 2, rng);
        Conv2d c2 = new Conv2d(8, 16, 5, 1, 2, rng);
        Linear out = new Linear(16 * 7 * 7, 10, rng);
        int[] targets = new int[4];
        for (int i = 0; i < targets.length; i++) targets[i] = rng.nextInt(10);
        Tensor x = Tensor.randn(rng, 1f, 4, 1, 28, 28);
        Tensor h = c1.forward(x).maxPool2d(2, 2).relu();                                       // (4, 8, 14, 14)
        h = c2.forward(h).maxPool2d(2, 2).relu();                                              // (4, 16, 7, 7)
        out.forward(h.reshape(4, 16 * 7 * 7)).crossEntropy(targets).backward();
        List<float[]> grads = new ArrayList<>();
        for (Module m : List.of(c1, c2, out)) for (Tensor p : m.parameters()) grads.add(p.grad());
        return grads;
    }

    @Test
    void oneThreadAndTwoThreadsGiveIdenticalGradients() {
        assertSameOnOneAndTwoThreads(ThreadIndependenceTest::gradients);
    }

    @Test
    void convolutionsToo() {
        assertSameOnOneAndTwoThreads(ThreadIndependenceTest::convGradients);
    }

    private static void assertSameOnOneAndTwoThreads(java.util.function.Supplier<List<float[]>> gradients) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            List<float[]> one = gradients.get();
            Parallel.setThreads(2);
            List<float[]> two = gradients.get();
            for (int i = 0; i < one.size(); i++) {
                assertNotNull(one.get(i), "parameter " + i + " got a gradient");
                assertArrayEquals(one.get(i), two.get(i), "parameter " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
