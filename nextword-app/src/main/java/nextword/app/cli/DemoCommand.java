package nextword.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nextword.app.report.Continuation;
import nextword.app.report.DemoReport;
import nextword.app.report.LossChart;
import nextword.data.Corpus;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.model.GptConfig;
import nextword.model.Sampler;
import nextword.train.TokenWindows;
import nextword.train.TrainOptions;
import nextword.train.Trainer;
import nextword.train.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The essay in three minutes: train a small GPT from scratch on the JDK's own Java sources (or any text),
 * then continue a prompt one token at a time, showing the five likeliest next tokens at every step.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a small GPT from scratch (by default on the JDK's own Java",
                "sources, for about 3 minutes), then continue a prompt one token at a",
                "time, showing the 5 likeliest next tokens and their probabilities.",
                "Leaves an HTML report: loss curve, samples, probability tables."})
public final class DemoCommand implements Callable<Integer> {

    private static final String JDK_PROMPT = "    public static ";
    private static final int TOP = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "3", description = "Training time (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--tokenizer", paramLabel = "SPEC", defaultValue = "char", description = "char, word[:N], bpe:N, gpt2 or a folder (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(names = "--preset", paramLabel = "P", defaultValue = "mini", description = "Model size (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "128", description = "Tokens per sequence: the model's context (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "2e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Text to continue (default: Java for the JDK corpus, else the start of the held-out text).")
    String prompt;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "40", description = "Tokens to generate at each temperature (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "The sampling temperature shown after temperature 0 (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/demo-<date-time>).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1337", description = "Seed of weights, data order and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        if (!(minutes > 0) || tokens < 1 || !(temperature > 0)) throw new IllegalArgumentException("--minutes, --tokens and --temperature must be positive");
        if (threads != null) Parallel.setThreads(threads);
        if (out == null) out = Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        PrintWriter stdout = spec.commandLine().getOut();
        ProgressLine line = new ProgressLine(spec.commandLine().getErr(), "train");
        Corpus text = corpus.open();
        stdout.printf(Locale.ROOT, "Training a GPT from scratch on %s for %s minutes, then watching it write.%n",
                corpus.corpus.equals(Corpus.JDK) ? "the JDK's own Java sources" : text.name(), fmt(minutes));
        stdout.flush();

        try (TrainingData data = TrainingData.prepare(text, tokenizer, out, 0.1, spec.commandLine().getErr())) {
            GptConfig config = GptConfig.preset(preset).withVocabSize(data.tokenizer().vocabSize()).withContextLength(seq);
            line.message(String.format(Locale.ROOT, "model: %d layers, %d heads, width %d, context %d: %.2fM parameters; %s kernels, %d threads",
                    config.layers(), config.heads(), config.width(), seq, config.parameterCount() / 1e6, Kernels.ops().name(), Parallel.threads()));
            String start = prompt != null ? prompt : defaultPrompt(data);
            TrainOptions options = new TrainOptions(batch, seq, 1, 0, minutes, lr, lr / 10, 30, 0.1f, 0.9f, 0.95f, 1e-8f, 1f,
                    50, 4, 100, 80, 0, seed);
            Trainer trainer = Trainer.fresh(config, options, TokenWindows.random(data.tokens().train(), seed),
                    TokenWindows.spread(data.tokens().validation(), options.evalBatches() * batch), out);
            TrainingConsole console = new TrainingConsole(line, out, data.bytesPerToken());
            trainer.sampling(data.tokenizer(), data.tokenizer().encode(start)).listener(console);
            Trainer.Result r;
            try {
                r = trainer.run();
            } finally {
                console.finish();
            }
            double tokensPerSecond = r.steps() * options.tokensPerStep() / r.seconds();
            stdout.printf(Locale.ROOT, "%nTrained %d steps in %s (%,.0f tokens/s): validation loss %.3f nats per token.%n",
                    r.steps(), ProgressLine.duration(r.seconds()), tokensPerSecond, r.validationLoss());

            Sampler sampler = new Sampler(trainer.model());
            SplittableRandom random = new SplittableRandom(seed);
            Continuation greedy = show(stdout, sampler, data, start, 0f, random);
            Continuation sampled = show(stdout, sampler, data, start, temperature, random);

            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("corpus", text.name() + String.format(Locale.ROOT, " (%,d documents; %,d training and %,d validation tokens)",
                    text.documents(), data.tokens().train().size(), data.tokens().validation().size()));
            facts.put("tokenizer", tokenizer + String.format(Locale.ROOT, ", %,d tokens in the vocabulary", data.tokenizer().vocabSize()));
            facts.put("model", String.format(Locale.ROOT, "GPT-2 architecture, %d layers, %d heads, width %d, context %d: %,d parameters",
                    config.layers(), config.heads(), config.width(), seq, config.parameterCount()));
            facts.put("training", String.format(Locale.ROOT, "%d steps of %d×%d tokens in %s (%,.0f tokens/s), AdamW, peak learning rate %s",
                    r.steps(), batch, seq, ProgressLine.duration(r.seconds()), tokensPerSecond, lr));
            facts.put("result", String.format(Locale.ROOT, "training loss %.3f, validation loss %.3f nats per token (%.3f bits per byte)",
                    r.trainLoss(), r.validationLoss(), r.validationLoss() / Math.log(2) / data.bytesPerToken()));
            facts.put("machine", String.format(Locale.ROOT, "%s kernels, %d threads, Java %s", Kernels.ops().name(), Parallel.threads(), Runtime.version()));
            LossChart.draw(out);
            Path report = DemoReport.write(out, "nextword demo: a GPT trained from scratch", facts, samples(out), List.of(greedy, sampled));
            stdout.println();
            stdout.println("Report (loss curve, samples, probability tables): " + report.toAbsolutePath());
            stdout.println("The trained model: " + out.toAbsolutePath());
            stdout.flush();
        }
        // The encoded corpus is only needed to resume training, which a demo never does, and it is large.
        java.nio.file.Files.deleteIfExists(out.resolve(nextword.data.TokenFile.NAME));
        return 0;
    }

    private String defaultPrompt(TrainingData data) {
        if (corpus.corpus.equals(Corpus.JDK) && data.tokenizer().encode(JDK_PROMPT).length > 0) return JDK_PROMPT;
        int n = (int) Math.min(data.tokens().validation().size(), Math.max(4, seq / 4));
        int[] ids = new int[n];
        data.tokens().validation().read(0, ids, 0, n);
        return data.tokenizer().decode(ids);
    }

    private Continuation show(PrintWriter stdout, Sampler sampler, TrainingData data, String start, float t, SplittableRandom random) {
        stdout.printf(Locale.ROOT, "%nContinuing \"%s\" one token at a time at temperature %s (%s):%n", Continuation.visible(start), fmt(t),
                t == 0 ? "always the likeliest" : "drawn at random by probability");
        int[] n = {0};
        Continuation c = Continuation.generate(sampler, data.tokenizer(), start, tokens, TOP, t, random, step -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%4d  %-8s", ++n[0], "\"" + Continuation.visible(step.chosen()) + "\""));
            for (int j = 0; j < step.candidates().length; j++) {
                row.append(String.format(Locale.ROOT, "  %-6s %5.1f%%", Continuation.visible(step.candidates()[j]), 100 * step.probabilities()[j]));
            }
            stdout.println(row);
            stdout.flush();
        });
        stdout.println("Text: " + start + c.text());
        return c;
    }

    private static Map<Integer, String> samples(Path out) throws IOException {
        Map<Integer, String> samples = new LinkedHashMap<>();
        for (JsonNode e : TrainingLog.read(out.resolve(TrainingLog.FILE))) {
            if (e.has("sample")) samples.put(e.get("step").asInt(), e.get("sample").asText());
        }
        return samples;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private static String fmt(float x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Float.toString(x);
    }
}
