package nextword.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import nextword.optim.AdamW;
import nextword.optim.GradClip;
import nextword.optim.LearningRateSchedule;
import nextword.optim.ParamGroup;
import nextword.optim.SGD;
import nextword.tensor.Autograd;
import nextword.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The whole loop — forward, loss, backward, clip, step — proven by learning small problems. */
class TrainingLoopTest {

    @Test
    void anMlpLearnsToTellInsideACircleFromOutside() {
        SplittableRandom rng = new SplittableRandom(42);
        int n = 256;
        Tensor points = Tensor.uniform(rng, -1f, 1f, n, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float x = points.get(i, 0);
            float y = points.get(i, 1);
            labels[i] = x * x + y * y < 0.5f ? 1 : 0;
        }
        MLP net = new MLP(rng, Activation.TANH, 2, 16, 16, 2);
        AdamW opt = new AdamW(ParamGroup.decayMatricesOnly(net.parameters(), 1e-4f), 0.02f, 0.9f, 0.999f, 1e-8f);
        LearningRateSchedule lr = LearningRateSchedule.warmupCosine(0.03f, 0.003f, 20, 400);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 400; step++) {
            opt.zeroGrad();
            Tensor loss = net.forward(points).crossEntropy(labels);
            loss.backward();
            GradClip.clipGradNorm(net.parameters(), 1f);
            opt.setLearningRate(lr.at(step));
            opt.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first / 10, "loss fell from " + first + " to " + last);
        assertTrue(accuracy(net, points, labels) >= 0.98, "accuracy " + accuracy(net, points, labels));
    }

    private static double accuracy(MLP net, Tensor points, int[] labels) {
        try (var g = Autograd.noGrad()) {
            Tensor logits = net.forward(points);
            int right = 0;
            for (int i = 0; i < labels.length; i++) {
                int guess = logits.get(i, 1) > logits.get(i, 0) ? 1 : 0;
                if (guess == labels[i]) right++;
            }
            return (double) right / labels.length;
        }
    }

    @Test
    void sgdWithMomentumLearnsXor() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        MLP net = new MLP(rng, Activation.TANH, 2, 8, 1);
        SGD opt = new SGD(List.of(new ParamGroup(net.parameters(), 0f)), 0.1f, 0.9f);
        for (int step = 0; step < 500; step++) {
            opt.zeroGrad();
            net.forward(x).mse(y).backward();
            opt.step();
        }
        Tensor out = net.forward(x);
        for (int i = 0; i < 4; i++) assertEquals(y.get(i, 0), out.get(i, 0), 0.1, "XOR row " + i);
    }
}
