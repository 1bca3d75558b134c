package nextword.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import nextword.io.GptDirectory;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.model.Sampler;
import nextword.optim.LearningRateSchedule;
import nextword.tokenize.Tokenizer;

/**
 * Trains a GPT by backpropagation: for each step, micro-batches of next-token examples → loss → gradients
 * (accumulated) → clipped → one AdamW update at the scheduled learning rate. Evaluates on held-out tokens,
 * samples text, and checkpoints into the output directory, which is also a model directory that
 * {@link GptDirectory#load} opens.
 */
public final class Trainer {

    /** Hears what the run does, e.g. to draw a progress bar. */
    public interface Listener {
        default void started(int step, int totalSteps) {}

        default void stepped(Progress p) {}

        default void evaluated(int step, double validationLoss) {}

        default void sampled(int step, String text) {}
    }

    /** One finished step. */
    public record Progress(int step, int totalSteps, double loss, double learningRate, double gradNorm,
                           double stepMillis, double tokensPerSecond, double etaSeconds) {}

    /** How the run ended. */
    public record Result(int steps, double trainLoss, double validationLoss, double seconds) {}

    /**
     * A time-budgeted run fits its length at these steps, from the wall time since step {@link #TIMED_FROM}
     * (the first steps run while the JIT compiles the kernels, and would mislead). Re-planning before the
     * warmup ends leaves the schedule's shape alone; later plans move the cosine's end only slightly.
     */
    private static final int[] PLAN_AT = {5, 20, 50, 100};
    private static final int TIMED_FROM = 2;

    private final Gpt gpt;
    private final Shards shards;
    private final AdamW adam;
    private final TrainOptions options;
    private final Batches train;
    private final Batches validation;
    private final Path out;
    private final double secondsBefore;
    private int step;
    private int totalSteps;
    private int lastCheckpoint = -1;
    private Listener listener = new Listener() {};
    private Tokenizer tokenizer;
    private int[] samplePrompt;
    private double lastValidation = Double.NaN;
    private volatile boolean stopRequested;

    private Trainer(Gpt gpt, AdamW adam, TrainOptions options, Batches train, Batches validation, Path out,
                    int step, int totalSteps, double secondsBefore) {
        if (options.seq() > gpt.config().contextLength()) {
            throw new IllegalArgumentException("sequence length " + options.seq() + " exceeds the model's context " + gpt.config().contextLength());
        }
        this.gpt = gpt;
        this.shards = Shards.forModel(gpt, options.batch());
        this.adam = adam;
        this.options = options;
        this.train = train;
        this.validation = validation;
        this.out = out;
        this.step = step;
        this.totalSteps = totalSteps;
        this.secondsBefore = secondsBefore;
    }

    /** A new run from GPT-2's random initialization, seeded by options.seed(). */
    public static Trainer fresh(GptConfig config, TrainOptions options, Batches train, Batches validation, Path out) {
        Gpt gpt = Gpt.init(config, new SplittableRandom(options.seed()));
        return from(gpt, options, train, validation, out);
    }

    /** A new run starting from the given model's weights (fine-tuning). */
    public static Trainer from(Gpt gpt, TrainOptions options, Batches train, Batches validation, Path out) {
        AdamW adam = new AdamW(gpt.config(), options.beta1(), options.beta2(), options.eps(), options.weightDecay());
        return new Trainer(gpt, adam, options, train, validation, out, 0, options.steps() > 0 ? options.steps() : Integer.MAX_VALUE, 0);
    }

    /** Continues the run checkpointed in out, with its saved options, exactly where it stopped. */
    public static Trainer resume(Path out, Batches train, Batches validation) throws IOException {
        Checkpoint.Saved s = Checkpoint.load(out);
        train.restore(s.position().dataState());
        Trainer t = new Trainer(new Gpt(s.weights()), s.adam(), s.options(), train, validation, out,
                s.position().step(), s.position().totalSteps(), s.position().elapsedSeconds());
        t.lastCheckpoint = s.position().step();
        return t;
    }

    public Trainer listener(Listener l) {
        this.listener = l;
        return this;
    }

    /** Sample text every options.sampleEvery() steps, continuing prompt, decoded by tokenizer. */
    public Trainer sampling(Tokenizer tokenizer, int[] prompt) {
        this.tokenizer = tokenizer;
        this.samplePrompt = prompt.clone();
        return this;
    }

    public Gpt model() {
        return gpt;
    }

    /** The next step to run. */
    public int step() {
        return step;
    }

    /**
     * Asks a running {@link #run} to stop after the step in progress and checkpoint (safe from another
     * thread, e.g. a Ctrl-C handler).
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains to the end: the planned steps, or the time budget. */
    public Result run() throws IOException {
        return run(Integer.MAX_VALUE);
    }

    /** Trains until step stopAt (exclusive) at most, then checkpoints: a deliberate interruption. */
    public Result run(int stopAt) throws IOException {
        long t0 = System.nanoTime();
        int start = step;
        double budget = options.minutes() * 60;
        double emaStepSeconds = 0;
        long timedFrom = 0;
        int timedFromStep = -1;
        double lastLoss = Double.NaN;
        int b = options.batch();
        int t = options.seq();
        int[] inputs = new int[b * t];
        int[] targets = new int[b * t];
        try (TrainingLog log = TrainingLog.open(out, step)) {
            listener.started(step, totalSteps);
            while (step < totalSteps && step < stopAt && !stopRequested) {
                double elapsed = secondsBefore + (System.nanoTime() - t0) / 1e9;
                if (budget > 0 && elapsed >= budget) break;
                if (step == start + TIMED_FROM) {
                    timedFrom = System.nanoTime();
                    timedFromStep = step;
                }
                if (options.evalEvery() > 0 && step % options.evalEvery() == 0) validate(log);
                if (options.sampleEvery() > 0 && step > 0 && step % options.sampleEvery() == 0) sample(log);

                long s0 = System.nanoTime();
                double loss = 0;
                for (int micro = 0; micro < options.accumulation(); micro++) {
                    train.next(inputs, targets, b, t);
                    loss += shards.forwardBackward(inputs, targets, b, t, 1f / options.accumulation(), micro > 0);
                }
                loss /= options.accumulation();
                double norm = options.gradClip() > 0 ? GradientNorm.clip(gpt.gradients(), options.gradClip()) : GradientNorm.of(gpt.gradients());
                if (!Double.isFinite(loss) || !Double.isFinite(norm)) diverged(log, loss, norm);
                double lr = LearningRateSchedule.warmupCosine(options.learningRate(), options.minLearningRate(), options.warmupSteps(),
                        Math.max(totalSteps, options.warmupSteps())).at(step);
                adam.update(gpt.weights(), gpt.gradients(), (float) lr);
                double seconds = (System.nanoTime() - s0) / 1e9;
                lastLoss = loss;

                emaStepSeconds = emaStepSeconds == 0 ? seconds : 0.9 * emaStepSeconds + 0.1 * seconds;
                double tokensPerSecond = options.tokensPerStep() / seconds;
                log.write(log.entry(step).put("loss", loss).put("lr", lr).put("grad_norm", norm)
                        .put("ms", seconds * 1e3).put("tokens_per_s", tokensPerSecond));
                step++;
                if (options.steps() == 0 && timedFromStep >= 0 && java.util.Arrays.binarySearch(PLAN_AT, step - start) >= 0) {
                    double perStep = (System.nanoTime() - timedFrom) / 1e9 / (step - timedFromStep);
                    double left = budget - (secondsBefore + (System.nanoTime() - t0) / 1e9);
                    totalSteps = step + (int) Math.max(0, left / perStep);
                }
                double remaining = (Math.min(totalSteps, stopAt) - step) * emaStepSeconds;
                if (budget > 0) remaining = Math.min(remaining, budget - (secondsBefore + (System.nanoTime() - t0) / 1e9));
                listener.stepped(new Progress(step - 1, totalSteps, loss, lr, norm, seconds * 1e3, tokensPerSecond, Math.max(0, remaining)));
                if (options.checkpointEvery() > 0 && step % options.checkpointEvery() == 0) checkpoint(t0);
            }
            boolean finished = !stopRequested && (step >= totalSteps || step < stopAt);
            if (finished && options.steps() == 0) totalSteps = step; // a time budget ends the schedule where it stopped
            if (finished && validation != null && options.evalBatches() > 0) validate(log);
            if (lastCheckpoint != step) checkpoint(t0);
        }
        return new Result(step, lastLoss, lastValidation, (System.nanoTime() - t0) / 1e9);
    }

    private void validate(TrainingLog log) {
        if (validation == null || options.evalBatches() == 0) return;
        int b = options.batch();
        int t = options.seq();
        int[] inputs = new int[b * t];
        int[] targets = new int[b * t];
        validation.restore(0); // the same held-out windows every time, so the numbers compare
        double sum = 0;
        for (int i = 0; i < options.evalBatches(); i++) {
            validation.next(inputs, targets, b, t);
            sum += gpt.forward(inputs, targets, b, t);
        }
        lastValidation = sum / options.evalBatches();
        log.write(log.entry(step).put("val_loss", lastValidation));
        listener.evaluated(step, lastValidation);
    }

    private void sample(TrainingLog log) {
        if (tokenizer == null) return;
        // A fixed seed per step: sampling never disturbs the data order, so resumed runs stay identical.
        SplittableRandom random = new SplittableRandom(options.seed() ^ (0x5DEECE66DL * step));
        int[] ids = new Sampler(gpt).continuation(samplePrompt, options.sampleTokens(), 0.8f, random);
        String text = tokenizer.decode(ids);
        log.write(log.entry(step).put("sample", text));
        listener.sampled(step, text);
    }

    private void checkpoint(long t0) throws IOException {
        double elapsed = secondsBefore + (System.nanoTime() - t0) / 1e9;
        Checkpoint.save(out, gpt.weights(), adam, new Checkpoint.Position(step, totalSteps, train.state(), elapsed), options);
        GptDirectory.save(out, gpt.weights(), Map.of("nextword.step", Integer.toString(step)));
        lastCheckpoint = step;
    }

    private void diverged(TrainingLog log, double loss, double norm) {
        String what = Double.isFinite(loss) ? "the gradient norm became " + norm : "the loss became " + loss;
        String kept = lastCheckpoint >= 0 ? "the last good checkpoint (step " + lastCheckpoint + ") is kept in " + out
                : "no checkpoint had been written yet";
        String msg = "training diverged at step " + step + ": " + what + "; stopped (" + kept + "; try a lower --lr)";
        log.write(log.entry(step).put("error", msg));
        throw new TrainingDivergedException(msg);
    }

    /** Training produced a NaN or infinite loss and stopped. */
    public static final class TrainingDivergedException extends RuntimeException {
        TrainingDivergedException(String message) {
            super(message);
        }
    }
}
