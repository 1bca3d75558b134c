package nextword.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import nextword.optim.AdamW;
import nextword.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A LeNet-shaped net (conv, pool, conv, pool, linear) learns to tell horizontal bars from vertical ones. */
class ConvNetTest {

    @Test
    void aSmallConvNetLearnsBarOrientation() {
        SplittableRandom rng = new SplittableRandom(3);
        Sequential net = new Sequential(
                new Conv2d(1, 4, 3, 1, 1, rng), Activation.RELU, new MaxPool2d(2, 2),   // (N, 4, 6, 6)
                new Conv2d(4, 8, 3, 1, 0, rng), Activation.RELU, new MaxPool2d(2, 2),   // (N, 8, 2, 2)
                x -> x.reshape(x.dim(0), -1),                                          // (N, 32)
                new Linear(32, 2, rng));
        int n = 32;
        float[] images = new float[n * 144];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int line = 1 + rng.nextInt(10);
            for (int k = 0; k < 12; k++) {
                int pixel = labels[i] == 0 ? line * 12 + k : k * 12 + line; // a row, or a column
                images[i * 144 + pixel] = 1f;
            }
        }
        Tensor x = Tensor.wrap(images, n, 1, 12, 12);
        assertArrayEquals(new int[] {n, 2}, net.forward(x).shape());
        AdamW opt = new AdamW(net.parameters(), 0.01f, 0f);
        float first = 0;
        float last = 0;
        for (int step = 0; step < 60; step++) {
            opt.zeroGrad();
            Tensor loss = net.forward(x).crossEntropy(labels);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < 0.05f && last < first / 10, "loss " + first + " → " + last);
    }
}
