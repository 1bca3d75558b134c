package nextword.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nextword.app.serve.ServeOptions;
import nextword.app.serve.Server;
import nextword.infer.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Serves a model until interrupted: the OpenAI-compatible API under /v1 and the explorer page at /. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model: an OpenAI-compatible API (/v1), the explorer page (/), /health and /metrics (see docs/SERVE.md).")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--host", defaultValue = ServeOptions.LOOPBACK, description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key", description = "Require 'Authorization: Bearer KEY' on /v1 (default: $NEXTWORD_API_KEY, else none).")
    String apiKey;

    @Option(names = "--name", description = "The model's name in the API (default: the directory's name).")
    String name;

    @Option(names = "--parallel", defaultValue = "2", description = "Requests decoded at once, each with its own KV cache (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--queue", defaultValue = "16", description = "Requests that may wait for a worker; beyond, 503 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-body", defaultValue = "1048576", description = "Largest request body in bytes; beyond, 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--batch", defaultValue = "auto", description = "Share each decoding step's pass over the weights between requests: auto (for models of 32 MB and more), on, off (default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--seed", defaultValue = "0", description = "Seeds of requests that give none derive from this (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String key = apiKey != null ? apiKey : System.getenv("NEXTWORD_API_KEY");
        String served = name != null ? name : model.model.toAbsolutePath().normalize().getFileName().toString();
        ServeOptions options = new ServeOptions(host, port, key, served, parallel, queue, maxBody, seed, batching(batch));
        try (LanguageModel lm = model.load()) {
            Server server = Server.start(lm, options);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }));
            out.printf("serving %s as '%s' at %s (explorer at /, OpenAI API at /v1; Ctrl-C stops)%n", lm.describe(), options.modelName(), server.url());
            if (!isLoopback(host) && key == null) out.println("warning: listening beyond this machine without --api-key");
            out.flush();
            stopped.await();
        }
        return 0;
    }

    /** auto, on or off. */
    static ServeOptions.Batching batching(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> ServeOptions.Batching.AUTO;
            case "on" -> ServeOptions.Batching.ON;
            case "off" -> ServeOptions.Batching.OFF;
            default -> throw new IllegalArgumentException("--batch must be auto, on or off, got '" + value + "'");
        };
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1");
    }
}
