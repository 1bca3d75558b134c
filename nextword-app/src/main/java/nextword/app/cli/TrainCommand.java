package nextword.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.model.GptConfig;
import nextword.train.Checkpoint;
import nextword.train.TokenWindows;
import nextword.train.TrainOptions;
import nextword.train.Trainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nextword train}: a GPT from scratch on a corpus, into a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GPT from scratch on a corpus (backpropagation, AdamW).",
                "--out becomes a Hugging Face-style model folder (config.json, model.safetensors,",
                "tokenizer files) with checkpoint.safetensors, log.jsonl and loss.png.",
                "Ctrl-C checkpoints; --resume continues exactly where the run stopped."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--data", paramLabel = "DIR", description = "A folder made by 'nextword prepare' (token file and tokenizer), instead of --corpus and --tokenizer.")
    Path data;

    @Option(names = "--tokenizer", paramLabel = "SPEC", defaultValue = "char", description = "gpt2, char, word[:N], bpe:N (trained here) or a tokenizer folder (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(names = "--preset", paramLabel = "P", defaultValue = "mini", description = "Model size: tiny, mini, small, gpt2, gpt2-medium, gpt2-large, gpt2-xl (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (the model).")
    Path out;

    static final class Length {
        @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps.")
        Integer steps;

        @Option(names = "--minutes", paramLabel = "M", description = "Train for this long instead (the schedule is fitted to it).")
        Double minutes;
    }

    @ArgGroup(exclusive = true)
    Length length = new Length();

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "128", description = "Tokens per sequence, also the model's context (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--accum", paramLabel = "A", defaultValue = "1", description = "Micro-batches per step (gradient accumulation; default: ${DEFAULT-VALUE}).")
    int accum;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--min-lr", paramLabel = "LR", description = "Learning rate at the end of the cosine (default: lr / 10).")
    Float minLr;

    @Option(names = "--warmup", paramLabel = "N", description = "Warmup steps (default: 10%% of the steps, at most 100; 50 with --minutes).")
    Integer warmup;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0.1", description = "AdamW weight decay of matrices (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0", description = "Global gradient norm limit, 0 for none (default: ${DEFAULT-VALUE}).")
    float clip;

    @Option(names = "--eval-every", paramLabel = "K", defaultValue = "100", description = "Validate every K steps (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--eval-batches", paramLabel = "N", defaultValue = "10", description = "Batches per validation (default: ${DEFAULT-VALUE}).")
    int evalBatches;

    @Option(names = "--sample-every", paramLabel = "K", defaultValue = "200", description = "Print a sample every K steps, 0 for never (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--sample-tokens", paramLabel = "N", defaultValue = "80", description = "Tokens per sample (default: ${DEFAULT-VALUE}).")
    int sampleTokens;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "\n", description = "Text the samples continue (default: a newline).")
    String prompt;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "500", description = "Checkpoint every K steps, 0 for only at the end (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1", description = "Share of the corpus held out for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1337", description = "Seed of the initial weights and the data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint, with its saved settings (give --data again if it used one).")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        if (threads != null) Parallel.setThreads(threads);
        ProgressLine line = new ProgressLine(spec.commandLine().getErr(), "train");
        if (resume) return resume(line);
        if (Checkpoint.exists(out)) {
            throw new IllegalArgumentException(out + " already holds a training run: add --resume to continue it, or choose another --out");
        }
        GptConfig base = GptConfig.preset(preset);
        TrainOptions options = options();
        try (TrainingData data = this.data != null ? TrainingData.reopen(this.data, out)
                : TrainingData.prepare(corpus.open(), tokenizer, out, valFraction, spec.commandLine().getErr())) {
            GptConfig config = base.withVocabSize(data.tokenizer().vocabSize()).withContextLength(seq);
            line.message(String.format(Locale.ROOT, "model %s: %d layers, %d heads, width %d, context %d, %.2fM parameters; %s kernels, %d threads",
                    preset, config.layers(), config.heads(), config.width(), config.contextLength(), config.parameterCount() / 1e6,
                    Kernels.ops().name(), Parallel.threads()));
            Trainer trainer = Trainer.fresh(config, options, TokenWindows.random(data.tokens().train(), seed),
                    TokenWindows.spread(data.tokens().validation(), Math.max(1, options.evalBatches() * options.batch())), out);
            return run(trainer, data, line);
        }
    }

    private Integer resume(ProgressLine line) throws IOException {
        TrainOptions saved = Checkpoint.options(out);
        try (TrainingData data = TrainingData.reopen(this.data != null ? this.data : out, out)) {
            Trainer trainer = Trainer.resume(out, TokenWindows.random(data.tokens().train(), 0),
                    TokenWindows.spread(data.tokens().validation(), Math.max(1, saved.evalBatches() * saved.batch())));
            return run(trainer, data, line);
        }
    }

    private Integer run(Trainer trainer, TrainingData data, ProgressLine line) throws IOException {
        TrainingConsole console = new TrainingConsole(line, out, data.bytesPerToken());
        int[] promptIds = data.tokenizer().encode(prompt);
        if (promptIds.length > 0) trainer.sampling(data.tokenizer(), promptIds);
        Trainer.Result r;
        // Ctrl-C: finish the step in progress and checkpoint, so that --resume continues exactly there.
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            r = trainer.listener(console).run();
        } finally {
            console.finish();
            console.redraw();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and has just been released
            }
        }
        var stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "trained %d steps in %s: training loss %.4f, validation loss %.4f%n",
                r.steps(), ProgressLine.duration(r.seconds()), r.trainLoss(), r.validationLoss());
        stdout.println("model, log and loss curve: " + out.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    private TrainOptions options() {
        int steps = length.steps == null ? 0 : length.steps;
        double minutes = length.minutes == null ? 0 : length.minutes;
        if (steps == 0 && minutes == 0) throw new IllegalArgumentException("say how long to train: --steps N or --minutes M");
        if (!(valFraction > 0 && valFraction < 1)) throw new IllegalArgumentException("--val-fraction must be between 0 and 1");
        int warm = warmup != null ? warmup : steps > 0 ? Math.min(100, steps / 10) : 50;
        return new TrainOptions(batch, seq, accum, steps, minutes, lr, minLr != null ? minLr : lr / 10, warm, weightDecay,
                0.9f, 0.95f, 1e-8f, clip, evalEvery, evalBatches, sampleEvery, sampleTokens, checkpointEvery, seed);
    }
}
