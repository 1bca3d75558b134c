package nextword.lab.meaning;

/**
 * The logistic function σ(x) = 1 / (1 + e^−x) and log σ(x) from tables, as word2vec does: its inner loop
 * needs them tens of millions of times, and a table lookup costs far less than exp and log.
 * Within [−{@value #RANGE}, {@value #RANGE}] the error is below 0.001; outside, σ is 0 or 1 to float precision
 * and log σ(x) is x (below) or 0 (above).
 */
final class Logistic {

    static final int RANGE = 8;
    private static final int SIZE = 1 << 14;
    private static final float STEP = 2f * RANGE / SIZE;
    private static final float[] SIGMOID = new float[SIZE + 1];
    private static final float[] LOG_SIGMOID = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            double x = -RANGE + i * (double) STEP;
            SIGMOID[i] = (float) (1 / (1 + Math.exp(-x)));
            LOG_SIGMOID[i] = (float) -Math.log1p(Math.exp(-x));
        }
    }

    private Logistic() {}

    static float sigmoid(float x) {
        if (x >= RANGE) return 1f;
        if (x <= -RANGE) return 0f;
        return SIGMOID[Math.round((x + RANGE) / STEP)];
    }

    static float logSigmoid(float x) {
        if (x >= RANGE) return 0f;
        if (x <= -RANGE) return x;
        return LOG_SIGMOID[Math.round((x + RANGE) / STEP)];
    }
}
