package nextword.optim;

/** The learning rate as a function of the step (0-based), kept as plain data so runs can record it. */
public sealed interface LearningRateSchedule {

    float at(int step);

    /** The same rate throughout. */
    static LearningRateSchedule constant(float lr) {
        return new Constant(lr);
    }

    /** Linear warmup to maxLr, then cosine decay to minLr at totalSteps, and minLr after. */
    static LearningRateSchedule warmupCosine(float maxLr, float minLr, int warmupSteps, int totalSteps) {
        return new WarmupCosine(maxLr, minLr, warmupSteps, totalSteps);
    }

    record Constant(float lr) implements LearningRateSchedule {
        @Override
        public float at(int step) {
            return lr;
        }
    }

    record WarmupCosine(float maxLr, float minLr, int warmupSteps, int totalSteps) implements LearningRateSchedule {

        public WarmupCosine {
            if (warmupSteps < 0 || totalSteps < warmupSteps || minLr > maxLr || minLr < 0) {
                throw new IllegalArgumentException("warmup-cosine needs 0 <= warmup <= total and 0 <= min <= max");
            }
        }

        @Override
        public float at(int step) {
            // (step + 1) so that the very first step already moves: step 0 of 10 warms to a tenth, not to zero.
            if (step < warmupSteps) return maxLr * (step + 1) / warmupSteps;
            if (step >= totalSteps) return minLr;
            double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
            return (float) (minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (maxLr - minLr));
        }
    }
}
