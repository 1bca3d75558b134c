package nextword.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nextword.io.NamedTensor;
import nextword.kernels.Parallel;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import org.junit.jupiter.api.Test;

/** Sharded steps must give the whole batch's loss and gradients, the same bits on any thread count. */
class ShardsTest {

    private static final GptConfig CONFIG = new GptConfig(23, 16, 2, 2, 16);
    private static final int B = 4;
    private static final int T = 8;

    private static int[] tokens(long seed, boolean someIgnored) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] x = new int[B * T];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(CONFIG.vocabSize());
        // targets of the first shard partly ignored: the shards then count different numbers of targets
        if (someIgnored) for (int i = 0; i < 5; i++) x[3 * i] = -1;
        return x;
    }

    /** Two micro-batches (the second accumulating) through shards; the gradients, then the two losses. */
    private static List<float[]> run(int shards, boolean someIgnored) {
        Gpt gpt = Gpt.init(CONFIG, new SplittableRandom(7));
        Shards s = new Shards(gpt, shards);
        float first = s.forwardBackward(tokens(1, false), tokens(2, someIgnored), B, T, 0.5f, false);
        float second = s.forwardBackward(tokens(3, false), tokens(4, false), B, T, 0.5f, true);
        List<float[]> out = new ArrayList<>();
        for (NamedTensor g : gpt.gradients().tensors()) out.add(g.data().clone());
        out.add(new float[] {first, second});
        return out;
    }

    @Test
    void shardsGiveTheWholeBatchsLossAndGradients() {
        for (boolean ignored : new boolean[] {false, true}) {
            List<float[]> whole = run(1, ignored);
            List<float[]> split = run(2, ignored);
            for (int i = 0; i < whole.size(); i++) {
                float[] want = whole.get(i);
                float[] got = split.get(i);
                for (int j = 0; j < want.length; j++) {
                    assertEquals(want[j], got[j], 2e-6f + 2e-4f * Math.abs(want[j]), "ignored=" + ignored + ", tensor " + i + "[" + j + "]");
                }
            }
        }
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            List<float[]> one = run(2, true);
            Parallel.setThreads(2);
            List<float[]> two = run(2, true);
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), two.get(i), "tensor " + i);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void smallModelsWithEvenBatchesAreSharded() {
        Gpt small = Gpt.init(CONFIG, new SplittableRandom(1));
        assertEquals(2, Shards.forModel(small, 4).count());
        assertEquals(1, Shards.forModel(small, 3).count());
        assertEquals(1, Shards.forModel(Gpt.init(new GptConfig(50257, 64, 1, 1, 768), new SplittableRandom(1)), 4).count());
    }
}
