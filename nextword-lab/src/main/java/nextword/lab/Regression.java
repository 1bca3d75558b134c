package nextword.lab;

import java.util.List;
import java.util.random.RandomGenerator;
import nextword.nn.Layer;
import nextword.optim.AdamW;
import nextword.optim.LearningRateSchedule;
import nextword.tensor.Autograd;
import nextword.tensor.Tensor;

/**
 * How the small experiments teach a net: show it random minibatches of (input, target) examples and move
 * every weight a little down the gradient of the mean squared error (Adam), step after step.
 */
public final class Regression {

    /** count examples: inputs (count, inWidth) and targets (count, outWidth), row-major. */
    public record Examples(float[] inputs, int inWidth, float[] targets, int outWidth) {
        public Examples {
            if (inputs.length % inWidth != 0 || targets.length % outWidth != 0 || inputs.length / inWidth != targets.length / outWidth) {
                throw new IllegalArgumentException("inputs and targets do not pair up");
            }
        }

        public int count() {
            return inputs.length / inWidth;
        }
    }

    /** Called after each step with the step number (from 1) and that step's minibatch loss. */
    @FunctionalInterface
    public interface AfterStep {
        void done(int step, float loss);
    }

    private Regression() {}

    /** Trains net for steps minibatches of batch examples drawn with replacement; returns each step's loss. */
    public static float[] train(Layer net, List<Tensor> parameters, Examples data, int steps, int batch,
                                LearningRateSchedule lr, RandomGenerator rng, AfterStep after) {
        AdamW adam = new AdamW(parameters, lr.at(0), 0f);
        float[] losses = new float[steps];
        float[] x = new float[batch * data.inWidth()];
        float[] y = new float[batch * data.outWidth()];
        for (int step = 0; step < steps; step++) {
            for (int b = 0; b < batch; b++) {
                int i = rng.nextInt(data.count());
                System.arraycopy(data.inputs(), i * data.inWidth(), x, b * data.inWidth(), data.inWidth());
                System.arraycopy(data.targets(), i * data.outWidth(), y, b * data.outWidth(), data.outWidth());
            }
            Tensor loss = net.forward(Tensor.of(x, batch, data.inWidth())).mse(Tensor.of(y, batch, data.outWidth()));
            adam.zeroGrad();
            loss.backward();
            adam.setLearningRate(lr.at(step));
            adam.step();
            losses[step] = loss.item();
            if (after != null) after.done(step + 1, losses[step]);
        }
        return losses;
    }

    /** The net's outputs for rows of inputs (count, inWidth), without recording a graph. */
    public static float[] predict(Layer net, float[] inputs, int inWidth) {
        try (var g = Autograd.noGrad()) {
            return net.forward(Tensor.of(inputs, inputs.length / inWidth, inWidth)).toArray();
        }
    }

    /** Mean squared difference between two arrays. */
    public static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) (a[i] - b[i]) * (a[i] - b[i]);
        return s / a.length;
    }
}
