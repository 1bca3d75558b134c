package nextword.app.serve;

/**
 * How the server runs.
 *
 * @param host         address to bind (loopback unless told otherwise)
 * @param port         TCP port (0: any free one)
 * @param apiKey       when not null, /v1 requires {@code Authorization: Bearer apiKey}
 * @param modelName    the name clients ask for in "model"
 * @param parallel     decoding workers, each with its own KV cache
 * @param queue        requests that may wait for a worker; one more gets 503
 * @param maxBodyBytes largest request body accepted (413 beyond)
 * @param seed         where the seeds of requests that give none start (each request gets the next)
 * @param batching     whether the requests being decoded share each step's pass over the weights
 */
public record ServeOptions(String host, int port, String apiKey, String modelName, int parallel, int queue, long maxBodyBytes, long seed,
                           Batching batching) {

    /** Batched decoding: always, never, or when the model is large enough for it to pay. */
    public enum Batching {
        /** On for models whose weights are at least {@link #AUTO_MIN_BYTES}: below, a step is too short for sharing it to pay. */
        AUTO,
        ON,
        OFF;

        /** Where batching starts to pay (measured in docs/PERFORMANCE.md: a 7 MB model gains nothing, a 120 MB one doubles). */
        public static final long AUTO_MIN_BYTES = 32L << 20;

        /** Whether a model of this many weight bytes per token decodes in batches. */
        public boolean on(long weightBytes) {
            return this == ON || (this == AUTO && weightBytes >= AUTO_MIN_BYTES);
        }
    }

    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 1 << 20;

    public ServeOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        if (parallel < 1) throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        if (queue < 1) throw new IllegalArgumentException("--queue must be at least 1, got " + queue);
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("--max-body must be at least 1024 bytes");
        if (apiKey != null && apiKey.isBlank()) throw new IllegalArgumentException("--api-key must not be blank");
        if (modelName == null || modelName.isBlank()) throw new IllegalArgumentException("the model needs a name");
        if (batching == null) throw new IllegalArgumentException("batching must be auto, on or off");
    }

    /** Loopback, any free port, no key, two workers, a queue of 16: what tests use. */
    public static ServeOptions local(String modelName) {
        return new ServeOptions(LOOPBACK, 0, null, modelName, 2, 16, DEFAULT_MAX_BODY, 0L, Batching.AUTO);
    }

    public ServeOptions withApiKey(String key) {
        return new ServeOptions(host, port, key, modelName, parallel, queue, maxBodyBytes, seed, batching);
    }

    public ServeOptions withParallel(int n, int q) {
        return new ServeOptions(host, port, apiKey, modelName, n, q, maxBodyBytes, seed, batching);
    }

    public ServeOptions withBatching(Batching b) {
        return new ServeOptions(host, port, apiKey, modelName, parallel, queue, maxBodyBytes, seed, b);
    }
}
