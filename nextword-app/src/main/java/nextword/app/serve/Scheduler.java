package nextword.app.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import nextword.infer.DecodeBatch;
import nextword.infer.FinishReason;
import nextword.infer.GeneratedToken;
import nextword.infer.Generation;
import nextword.infer.Generator;
import nextword.infer.LanguageModel;
import nextword.infer.SamplingOptions;
import nextword.infer.Session;
import nextword.infer.TokenListener;

/**
 * Shares one model between many clients: a bounded first-come-first-served queue of {@link Job}s and a
 * fixed set of decoding workers, each owning one {@link Session} (its KV cache, allocated once). A full
 * queue refuses at once rather than letting waits grow without bound; a cancelled job stops before its next
 * token, or is skipped if it has not started. Each worker reuses its session's cached prefix when the next
 * prompt begins the same way (a conversation's earlier turns).
 *
 * <p>With batching on, the workers that are decoding share each step through a {@link DecodeBatch}: one
 * pass over the weights computes every active request's next token, which is what makes several clients
 * cheap when decoding is bound by memory bandwidth. A request joins the batch once its prompt is processed
 * (at its first token) and leaves when it ends; its tokens are bit for bit what it would get alone.
 */
final class Scheduler implements AutoCloseable {

    private final BlockingQueue<Job> queue;
    private final int capacity;
    private final List<Thread> workers = new ArrayList<>();
    private final java.util.Set<Job> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Metrics metrics;
    private final DecodeBatch batch; // null: each worker decodes alone
    private volatile boolean closed;

    Scheduler(LanguageModel model, int parallel, int capacity, boolean batched, Metrics metrics) {
        if (parallel < 1) throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        if (capacity < 1) throw new IllegalArgumentException("--queue must be at least 1, got " + capacity);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.metrics = metrics;
        this.batch = batched && parallel > 1 ? new DecodeBatch(model, parallel) : null;
        for (int i = 0; i < parallel; i++) {
            Session session = model.newSession();
            Thread t = Thread.ofPlatform().name("decode-" + i).daemon().start(() -> work(session));
            workers.add(t);
        }
    }

    /** Queues a generation, or refuses with 503 when the queue is full. */
    Job submit(int[] prompt, SamplingOptions options, boolean streaming) {
        if (closed) throw new IllegalStateException("the server is shutting down");
        Job job = new Job(prompt, options, streaming);
        if (!queue.offer(job)) throw ApiError.overloaded(capacity);
        return job;
    }

    /** Jobs waiting for a worker. */
    int queued() {
        return queue.size();
    }

    /** Jobs being generated now. */
    int active() {
        return running.size();
    }

    int workers() {
        return workers.size();
    }

    /** Batched decoding steps run and tokens decoded in them, or null when batching is off. */
    long[] batchCounts() {
        return batch == null ? null : batch.counts();
    }

    private void work(Session session) {
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job.cancelled()) {
                job.done(new Generation("", List.of(), FinishReason.CANCELLED, 0, 0, 0));
                continue;
            }
            running.add(job);
            try {
                Generation g = Generator.generate(session, job.prompt, job.options, counting(job, session), job::cancelled);
                if (batch != null) batch.leave(session);
                metrics.generated(g);
                job.done(g);
            } catch (RuntimeException e) {
                if (batch != null) batch.leave(session);
                session.reset();
                job.failed(e);
            } finally {
                running.remove(job);
            }
        }
    }

    /** Passes tokens to the job, counting them as they come (for tokens/s); the first also joins the batch. */
    private TokenListener counting(Job job, Session session) {
        return new TokenListener() {
            private boolean joined;

            @Override
            public boolean onToken(GeneratedToken token) {
                if (batch != null && !joined) {
                    batch.join(session);
                    joined = true;
                }
                metrics.token();
                return job.onToken(token);
            }

            @Override
            public void onTail(String text) {
                job.onTail(text);
            }
        };
    }

    /** Cancels everything queued or running and stops the workers. */
    @Override
    public void close() {
        closed = true;
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        for (Job j : left) {
            j.cancel();
            j.done(new Generation("", List.of(), FinishReason.CANCELLED, 0, 0, 0));
        }
        for (Job j : running) j.cancel();
        for (Thread t : workers) t.interrupt();
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
