package nextword.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nextword.kernels.Parallel;
import nextword.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Shards on replicas must give the full batch's gradient, and the same bits on any number of threads. */
class DataParallelTest {

    private static final int BATCH = 6;

    private static Sequential net() {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(new Conv2d(1, 4, 3, 1, 1, rng), new MaxPool2d(2, 2), Activation.RELU, new Flatten(),
                new Linear(4 * 4 * 4, 5, rng));
    }

    private static final Tensor IMAGES = Tensor.randn(new SplittableRandom(4), 1f, BATCH, 1, 8, 8);
    private static final int[] LABELS = {0, 3, 1, 4, 2, 2};

    private static Tensor images(int[] rows) {
        float[] all = IMAGES.data();
        float[] out = new float[rows.length * 64];
        for (int i = 0; i < rows.length; i++) System.arraycopy(all, rows[i] * 64, out, i * 64, 64);
        return Tensor.of(out, rows.length, 1, 8, 8);
    }

    private static int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = LABELS[rows[i]];
        return out;
    }

    /** The master's gradients after one sharded backward, and the mean loss last. */
    private static List<float[]> sharded(int shards) {
        DataParallel<Sequential> replicas = new DataParallel<>(DataParallelTest::net, shards);
        int[] batch = {0, 1, 2, 3, 4, 5};
        float loss = replicas.backward((net, s) -> {
            int[] part = replicas.shard(batch, s);
            return net.forward(images(part)).crossEntropy(labels(part));
        });
        List<float[]> out = new ArrayList<>();
        for (Tensor p : replicas.master().parameters()) out.add(p.grad().clone());
        out.add(new float[] {loss});
        return out;
    }

    @Test
    void shardsAddUpToTheWholeBatchsGradient() {
        Sequential whole = net();
        Tensor loss = whole.forward(images(new int[] {0, 1, 2, 3, 4, 5})).crossEntropy(LABELS);
        loss.backward();
        for (int shards : new int[] {1, 2, 3}) {
            List<float[]> got = sharded(shards);
            List<Tensor> ps = whole.parameters();
            for (int i = 0; i < ps.size(); i++) {
                float[] want = ps.get(i).grad();
                for (int j = 0; j < want.length; j++) {
                    assertEquals(want[j], got.get(i)[j], 1e-5f + 1e-4f * Math.abs(want[j]), shards + " shards, parameter " + i + "[" + j + "]");
                }
            }
            assertEquals(loss.item(), got.getLast()[0], 1e-5f, shards + " shards, loss");
        }
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            List<float[]> one = sharded(2);
            Parallel.setThreads(2);
            List<float[]> two = sharded(2);
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), two.get(i), "tensor " + i);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void replicasFollowTheMastersWeights() {
        DataParallel<Sequential> replicas = new DataParallel<>(DataParallelTest::net, 2);
        // move the master away from where the factory put every replica: the second shard must see the move
        for (Tensor p : replicas.master().parameters()) for (int j = 0; j < p.size(); j++) p.data()[j] += 0.5f;
        int[] batch = {0, 1, 2, 3};
        Sequential moved = net();
        for (Tensor p : moved.parameters()) for (int j = 0; j < p.size(); j++) p.data()[j] += 0.5f;
        float want = moved.forward(images(new int[] {2, 3})).crossEntropy(labels(new int[] {2, 3})).item();
        float[] second = new float[1];
        replicas.backward((net, s) -> {
            int[] part = replicas.shard(batch, s);
            Tensor l = net.forward(images(part)).crossEntropy(labels(part));
            if (s == 1) second[0] = l.item();
            return l;
        });
        assertEquals(want, second[0], 0f);
    }

    @Test
    void unevenBatchesAreRefused() {
        DataParallel<Sequential> replicas = new DataParallel<>(DataParallelTest::net, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> replicas.shard(new int[6], 0));
        assertEquals("a batch of 6 does not split into 4 equal shards", e.getMessage());
    }
}
