package nextword.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import nextword.infer.LanguageModel;
import nextword.infer.Quantizer;
import nextword.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes an 8-bit copy of a model and, given held-out text, measures what the 8 bits cost. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Write an 8-bit (q8_0) copy of a model: a quarter of the bytes, faster decoding. --eval reports perplexity and top-1 agreement against float32.")
public final class QuantizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "The float model directory (F32, F16 or BF16).")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the 8-bit model (config and tokenizer are copied).")
    Path out;

    @Option(names = "--eval", paramLabel = "FILE", description = "Held-out UTF-8 text to compare the two models on.")
    Path eval;

    @Option(names = "--eval-tokens", paramLabel = "N", defaultValue = "4096", description = "Tokens of --eval to use (default: ${DEFAULT-VALUE}).")
    int evalTokens;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (threads != null) Parallel.setThreads(threads);
        if (eval != null && !Files.isRegularFile(eval)) throw new IllegalArgumentException(eval + " is not a file");
        if (evalTokens < 2) throw new IllegalArgumentException("--eval-tokens must be >= 2");
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Quantizer.quantize(model, out);
        o.printf(Locale.ROOT, "wrote %s (%.1f MB, was %.1f MB) in %.1f s%n", out.resolve("model.safetensors"),
                Files.size(out.resolve("model.safetensors")) / 1e6, sizeOfWeights(model) / 1e6, (System.nanoTime() - t0) / 1e9);
        o.flush();
        if (eval != null) {
            try (LanguageModel f32 = LanguageModel.load(model); LanguageModel q8 = LanguageModel.load(out)) {
                int[] ids = f32.tokenizer().encode(Files.readString(eval, StandardCharsets.UTF_8));
                if (ids.length > evalTokens) ids = Arrays.copyOf(ids, evalTokens);
                Quantizer.Comparison c = Quantizer.compare(f32, q8, ids);
                o.printf(Locale.ROOT, "on %d tokens of %s: perplexity float32 %.3f, 8-bit %.3f (%+.2f%%); top-1 agreement %.2f%%%n",
                        c.tokens(), eval.getFileName(), c.perplexity(), c.other(), 100 * (c.other() / c.perplexity() - 1), 100 * c.agreement());
            }
        }
        o.flush();
        return 0;
    }

    private static long sizeOfWeights(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("model.*\\.safetensors")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
