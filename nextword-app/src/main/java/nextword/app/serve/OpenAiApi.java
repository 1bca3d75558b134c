package nextword.app.serve;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import nextword.app.serve.OpenAiSchema.ModelCard;
import nextword.app.serve.OpenAiSchema.ModelList;
import nextword.infer.Generation;
import nextword.infer.LanguageModel;

/**
 * The OpenAI-compatible routes: {@code GET /v1/models}, {@code POST /v1/completions} and
 * {@code POST /v1/chat/completions}, whole or streamed as server-sent events. A stream is written as the
 * tokens come; when a write fails the client has gone, and the generation is cancelled. While a streamed
 * request waits in the queue, an SSE comment every {@value #HEARTBEAT_MILLIS} ms keeps the connection
 * alive and finds out whether its client is still there.
 */
final class OpenAiApi {

    static final long HEARTBEAT_MILLIS = 1000;

    private final LanguageModel model;
    private final String modelName;
    private final String fingerprint;
    private final long started = System.currentTimeMillis() / 1000;
    private final RequestReader reader;
    private final Scheduler scheduler;
    private final Metrics metrics;
    private final long maxBody;

    OpenAiApi(LanguageModel model, ServeOptions options, Scheduler scheduler, Metrics metrics) {
        this.model = model;
        this.modelName = options.modelName();
        this.fingerprint = "nextword-" + model.precision().name().toLowerCase(java.util.Locale.ROOT);
        this.reader = new RequestReader(model, options.modelName(), options.seed());
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.maxBody = options.maxBodyBytes();
    }

    void models(Context ctx) {
        ctx.json(new ModelList("list", List.of(new ModelCard(modelName, "model", started, "nextword"))));
    }

    void model(Context ctx) {
        String id = ctx.pathParam("model");
        if (!id.equals(modelName)) throw ApiError.unknownModel(id, modelName);
        ctx.json(new ModelCard(modelName, "model", started, "nextword"));
    }

    void completions(Context ctx) throws IOException, InterruptedException {
        GenerateRequest r = reader.completion(JsonBody.read(ctx, maxBody));
        answer(ctx, r, new TextReply("cmpl-" + uid(), modelName, fingerprint, model.tokenizer(), r.logprobs()));
    }

    void chat(Context ctx) throws IOException, InterruptedException {
        GenerateRequest r = reader.chat(JsonBody.read(ctx, maxBody));
        answer(ctx, r, new ChatReply("chatcmpl-" + uid(), modelName, fingerprint, model.tokenizer(), r.logprobs()));
    }

    private void answer(Context ctx, GenerateRequest r, Reply reply) throws IOException, InterruptedException {
        Job job = scheduler.submit(r.ids(), r.options(), r.stream());
        ctx.attribute(Server.JOB, job);
        try {
            if (r.stream()) {
                stream(ctx, r, reply, job);
            } else {
                ctx.json(reply.whole(job.await()));
            }
        } finally {
            job.cancel(); // a no-op once finished; stops the work if this thread is leaving early
        }
    }

    /** Server-sent events: the opening chunks, a chunk per piece of text, the closing chunk, usage, [DONE]. */
    private void stream(Context ctx, GenerateRequest r, Reply reply, Job job) throws InterruptedException {
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
        try {
            OutputStream out = ctx.res().getOutputStream();
            for (Object o : reply.opening()) send(out, o);
            while (true) {
                Job.Event event = job.next(HEARTBEAT_MILLIS);
                if (event == null) {
                    out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                switch (event) {
                    case Job.Token t -> send(out, reply.piece(t.token().text(), t.token()));
                    case Job.Tail t -> send(out, reply.piece(t.text(), null));
                    case Job.Done d -> {
                        Generation g = d.generation();
                        send(out, reply.closing(g.finish()));
                        if (r.includeUsage()) send(out, reply.usage(g.promptTokens(), g.tokens().size()));
                        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return;
                    }
                    case Job.Failed f -> {
                        ApiError e = new ApiError(500, "server_error", null, "generation_failed", "generation failed: " + f.error().getMessage());
                        send(out, e.body());
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client closed the connection: stop generating for it
            job.cancel();
            metrics.cancelled();
        }
    }

    private static void send(OutputStream out, Object chunk) throws IOException {
        if (chunk == null) return;
        out.write(("data: " + OpenAiSchema.JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String uid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
