package nextword.app.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import nextword.infer.LanguageModel;

/**
 * {@code nextword serve}: one model behind HTTP. The OpenAI-compatible API under /v1 ({@link OpenAiApi}),
 * the explorer page at / with its JSON under /api ({@link ExplorerApi}), {@code GET /health} and
 * {@code GET /metrics} (Prometheus). Every refusal is OpenAI's error JSON.
 */
public final class Server implements AutoCloseable {

    static final String JOB = "nextword.job";
    private static final String STARTED = "nextword.started";

    private final Javalin app;
    private final Scheduler scheduler;
    private final Metrics metrics;
    private final ServeOptions options;

    private Server(Javalin app, Scheduler scheduler, Metrics metrics, ServeOptions options) {
        this.app = app;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.options = options;
    }

    /** Starts serving model (which the caller keeps and closes after this server). */
    public static Server start(LanguageModel model, ServeOptions options) {
        Metrics metrics = new Metrics();
        Scheduler scheduler = new Scheduler(model, options.parallel(), options.queue(), options.batching().on(model.bytesPerToken()), metrics);
        metrics.watch(scheduler);
        OpenAiApi api = new OpenAiApi(model, options, scheduler, metrics);
        ExplorerApi explorer = new ExplorerApi(model, options);
        Javalin app = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = options.maxBodyBytes();
            cfg.http.disableCompression(); // a stream's chunks must leave as they are written
            cfg.jsonMapper(new JavalinJackson(OpenAiSchema.JSON, true));
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/explorer";
                s.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.before("/v1/*", ctx -> authorize(ctx, options.apiKey()));
        app.after(ctx -> metrics.request(route(ctx), ctx.statusCode(), System.nanoTime() - (long) ctx.attribute(STARTED), firstToken(ctx)));
        app.exception(ApiError.class, (e, ctx) -> {
            if (e.status == 503) ctx.header("Retry-After", "1");
            ctx.status(e.status).json(e.body());
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> {
            ApiError a = ApiError.badValue(null, e.getMessage());
            ctx.status(a.status).json(a.body());
        });
        app.exception(Exception.class, (e, ctx) -> ctx.status(500).json(
                new ApiError(500, "server_error", null, "internal_error", String.valueOf(e.getMessage())).body()));
        app.error(404, ctx -> {
            // an ApiError already wrote its JSON; anything else is a route that does not exist
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) ctx.json(ApiError.notFound(ctx.method().name(), ctx.path()).body());
        });
        app.get("/v1/models", api::models);
        app.get("/v1/models/{model}", api::model);
        app.post("/v1/completions", api::completions);
        app.post("/v1/chat/completions", api::chat);
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok", "model", options.modelName(),
                "queued", scheduler.queued(), "active", scheduler.active(), "workers", scheduler.workers())));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.prometheus()));
        explorer.routes(app);
        try {
            app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            scheduler.close();
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": " + rootMessage(e), e);
        }
        return new Server(app, scheduler, metrics, options);
    }

    /** With an API key set, /v1 needs {@code Authorization: Bearer <key>} (compared in constant time). */
    private static void authorize(Context ctx, String key) {
        if (key == null) return;
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) throw ApiError.badKey();
    }

    /** A route's pattern for the metrics' labels: "/v1/models/{model}", not every model name asked for. */
    private static String route(Context ctx) {
        String p = ctx.endpointHandlerPath();
        return p == null || p.isEmpty() || p.equals("*") ? "other" : p;
    }

    private static long firstToken(Context ctx) {
        Job job = ctx.attribute(JOB);
        return job == null ? -1 : job.timeToFirstToken();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    /** The port it listens on (the one chosen when options asked for 0). */
    public int port() {
        return app.port();
    }

    /** http://host:port */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port();
    }

    Metrics metrics() {
        return metrics;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Batched decoding steps run and tokens decoded in them (null when batching is off): their ratio is the mean batch. */
    public long[] batchCounts() {
        return scheduler.batchCounts();
    }

    /** Stops accepting requests, cancels the generations in flight, and stops the workers. */
    @Override
    public void close() {
        scheduler.close();
        app.stop();
    }
}
