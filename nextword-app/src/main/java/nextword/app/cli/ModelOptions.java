package nextword.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import nextword.infer.LanguageModel;
import nextword.infer.Precision;
import nextword.kernels.Parallel;
import picocli.CommandLine.Option;

/** Which model to run and on how many threads: shared by generate, chat and score. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "A GPT-2 directory: config.json, model.safetensors (or a sharded index; F32, F16, BF16 or 8-bit) and the tokenizer.")
    Path model;

    @Option(names = "--int8", description = "Quantize a float model to 8 bits while loading (see 'nextword quantize').")
    boolean int8;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores).")
    Integer threads;

    /** Applies --threads and loads the model. */
    LanguageModel load() throws IOException {
        if (threads != null) {
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1");
            Parallel.setThreads(threads);
        }
        return LanguageModel.load(model, int8 ? Precision.Q8_0 : null);
    }
}
