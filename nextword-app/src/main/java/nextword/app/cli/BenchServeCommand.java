package nextword.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import nextword.app.serve.LoadTest;
import nextword.app.serve.ServeOptions;
import nextword.app.serve.Server;
import nextword.infer.LanguageModel;
import nextword.infer.Precision;
import nextword.model.GptConfig;
import nextword.tokenize.Tokenizers;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Starts a server on loopback and loads it with concurrent streaming clients: latency percentiles and tokens/s. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load a local server with concurrent streaming chat clients (127.0.0.1 only): p50/p99 latency, tokens/s.")
public final class BenchServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "gpt2", description = "Model size, random weights with GPT-2's tokenizer: tiny, mini, small, gpt2, … (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--int8", description = "8-bit weights (q8_0) instead of float32.")
    boolean int8;

    @Option(names = "--clients", defaultValue = "8", description = "Clients at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "25", description = "Requests per client, one after another (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--max-tokens", defaultValue = "16", description = "Tokens per reply (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--parallel", defaultValue = "2", description = "The server's decoding workers (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--batch", defaultValue = "on", description = "Batched decoding: on, off (to measure what it gives) or auto (default: ${DEFAULT-VALUE}).")
    String batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Precision precision = int8 ? Precision.Q8_0 : Precision.FLOAT32;
        try (LanguageModel model = LanguageModel.random(GptConfig.preset(preset), 1337, precision, Tokenizers.gpt2(List.of()))) {
            ServeOptions options = ServeOptions.local(preset).withParallel(parallel, Math.max(16, clients)).withBatching(ServeCommand.batching(batch));
            try (Server server = Server.start(model, options)) {
                out.printf("bench serve: %s, %d workers, %s, kernels %s, %d threads; %d clients × %d streaming requests of %d tokens at %s%n",
                        model.describe(), parallel, server.batchCounts() == null ? "each decoding alone" : "batched decoding", Kernels.inference().name(), Parallel.threads(),
                        clients, requests, maxTokens, server.url());
                out.flush();
                // untimed: one request per worker, so that the JIT has compiled the kernels before the clock starts
                LoadTest.Result warm = LoadTest.run(server.url(), options.modelName(), null, parallel, 1, maxTokens);
                if (!warm.problems().isEmpty()) throw new IllegalStateException("warm-up failed: " + warm.problems().getFirst());
                long[] before = server.batchCounts();
                LoadTest.Result r = LoadTest.run(server.url(), options.modelName(), null, clients, requests, maxTokens);
                out.println(r.summary());
                long[] after = server.batchCounts();
                if (after != null && after[0] > before[0]) {
                    long steps = after[0] - before[0];
                    out.printf(java.util.Locale.ROOT, "batched decoding: %d steps, %.2f requests per step on average%n", steps, (after[1] - before[1]) / (double) steps);
                }
                r.problems().stream().limit(5).forEach(p -> out.println("  " + p));
                return r.problems().isEmpty() ? 0 : 1;
            }
        }
    }
}
