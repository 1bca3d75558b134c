package nextword.train;

/**
 * Linear warmup from 0 to the peak over the first warmup steps (Adam's moment estimates are noisy at
 * first), then a cosine decay to the floor at the last step.
 */
public record LearningRateSchedule(double peak, double floor, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (!(peak > 0) || floor < 0 || floor > peak) throw new IllegalArgumentException("learning rates need 0 <= floor <= peak, peak > 0");
        if (warmupSteps < 0 || totalSteps < 1) throw new IllegalArgumentException("warmup must be >= 0 and total steps >= 1");
    }

    /** The rate for step (0-based). */
    public double at(int step) {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        if (totalSteps <= warmupSteps + 1) return peak;
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - 1 - warmupSteps));
        return floor + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - floor);
    }
}
