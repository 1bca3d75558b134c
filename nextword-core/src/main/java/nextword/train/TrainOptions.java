package nextword.train;

/**
 * How to train: batch shape, length, optimizer, schedule, and how often to evaluate, sample and save.
 *
 * @param batch           sequences per micro-batch (B)
 * @param seq             tokens per sequence (T)
 * @param accumulation    micro-batches per optimizer step (gradient accumulation)
 * @param steps           optimizer steps; 0 means "as many as fit in {@code minutes}"
 * @param minutes         wall-clock budget, 0 for none
 * @param learningRate    peak learning rate
 * @param minLearningRate the rate the cosine decays to
 * @param warmupSteps     steps of linear warmup
 * @param weightDecay     AdamW decay of matrices and embeddings
 * @param beta1           AdamW first-moment decay
 * @param beta2           AdamW second-moment decay
 * @param eps             AdamW epsilon
 * @param gradClip        global gradient norm limit, 0 for none
 * @param evalEvery       validation every this many steps (0: only at the end)
 * @param evalBatches     validation batches each time
 * @param sampleEvery     sample text every this many steps (0: never)
 * @param sampleTokens    tokens per sample
 * @param checkpointEvery checkpoint every this many steps (0: only at the end)
 * @param seed            the seed of the data order and the initial weights
 */
public record TrainOptions(int batch, int seq, int accumulation, int steps, double minutes,
                           float learningRate, float minLearningRate, int warmupSteps,
                           float weightDecay, float beta1, float beta2, float eps, float gradClip,
                           int evalEvery, int evalBatches, int sampleEvery, int sampleTokens, int checkpointEvery,
                           long seed) {

    public TrainOptions {
        if (batch < 1 || seq < 1 || accumulation < 1) throw new IllegalArgumentException("batch, sequence length and accumulation must be >= 1");
        if (steps < 0 || minutes < 0 || (steps == 0 && minutes == 0)) throw new IllegalArgumentException("give a number of steps or of minutes");
        if (!(learningRate > 0) || minLearningRate < 0 || minLearningRate > learningRate) {
            throw new IllegalArgumentException("need learning rate > 0 and 0 <= min learning rate <= learning rate");
        }
        if (warmupSteps < 0 || evalEvery < 0 || evalBatches < 0 || sampleEvery < 0 || sampleTokens < 0 || checkpointEvery < 0 || gradClip < 0) {
            throw new IllegalArgumentException("step counts and the clip limit must not be negative");
        }
    }

    /** nanoGPT-like settings for small models, for the given steps. */
    public static TrainOptions defaults(int batch, int seq, int steps) {
        return new TrainOptions(batch, seq, 1, steps, 0, 1e-3f, 1e-4f, Math.min(100, steps / 10),
                0.1f, 0.9f, 0.95f, 1e-8f, 1f, 100, 10, 0, 64, 0, 1337);
    }

    public TrainOptions withAccumulation(int a) {
        return new TrainOptions(batch, seq, a, steps, minutes, learningRate, minLearningRate, warmupSteps, weightDecay,
                beta1, beta2, eps, gradClip, evalEvery, evalBatches, sampleEvery, sampleTokens, checkpointEvery, seed);
    }

    public TrainOptions withLearningRate(float peak, float floor, int warmup) {
        return new TrainOptions(batch, seq, accumulation, steps, minutes, peak, floor, warmup, weightDecay,
                beta1, beta2, eps, gradClip, evalEvery, evalBatches, sampleEvery, sampleTokens, checkpointEvery, seed);
    }

    public TrainOptions withEvaluation(int every, int batches) {
        return new TrainOptions(batch, seq, accumulation, steps, minutes, learningRate, minLearningRate, warmupSteps, weightDecay,
                beta1, beta2, eps, gradClip, every, batches, sampleEvery, sampleTokens, checkpointEvery, seed);
    }

    public TrainOptions withSampling(int every, int tokens) {
        return new TrainOptions(batch, seq, accumulation, steps, minutes, learningRate, minLearningRate, warmupSteps, weightDecay,
                beta1, beta2, eps, gradClip, evalEvery, evalBatches, every, tokens, checkpointEvery, seed);
    }

    public TrainOptions withCheckpointEvery(int every) {
        return new TrainOptions(batch, seq, accumulation, steps, minutes, learningRate, minLearningRate, warmupSteps, weightDecay,
                beta1, beta2, eps, gradClip, evalEvery, evalBatches, sampleEvery, sampleTokens, every, seed);
    }

    /** Tokens consumed per optimizer step. */
    public long tokensPerStep() {
        return (long) batch * seq * accumulation;
    }
}
