package nextword.app.serve;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import nextword.infer.GeneratedToken;
import nextword.infer.Generation;
import nextword.infer.SamplingOptions;
import nextword.infer.TokenListener;

/**
 * One request's generation as the scheduler runs it: what to generate, and the events it produces, handed
 * from the decoding thread to the thread that writes the HTTP response. Either side may cancel it: the
 * writer when its client has gone, the scheduler when it shuts down.
 */
final class Job implements TokenListener {

    /** What a generation reports, in order: tokens and a tail while it runs, then exactly one of Done or Failed. */
    sealed interface Event {}

    record Token(GeneratedToken token) implements Event {}

    record Tail(String text) implements Event {}

    record Done(Generation generation) implements Event {}

    record Failed(RuntimeException error) implements Event {}

    final int[] prompt;
    final SamplingOptions options;
    /** Whether tokens are reported one by one (streaming) or only the finished generation. */
    final boolean streaming;
    final long submittedNanos = System.nanoTime();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    private volatile long firstTokenNanos;

    Job(int[] prompt, SamplingOptions options, boolean streaming) {
        this.prompt = prompt;
        this.options = options;
        this.streaming = streaming;
    }

    /** Asks the generation to stop before its next token (or not to start). */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Nanoseconds from submission to the first token, or −1 before it. */
    long timeToFirstToken() {
        long t = firstTokenNanos;
        return t == 0 ? -1 : t - submittedNanos;
    }

    /** The next event, waiting for it. */
    Event next() throws InterruptedException {
        return events.take();
    }

    /** The next event, or null when none came within millis. */
    Event next(long millis) throws InterruptedException {
        return events.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Waits for the end and returns the generation, or throws what failed it. */
    Generation await() throws InterruptedException {
        while (true) {
            switch (next()) {
                case Done d -> {
                    return d.generation();
                }
                case Failed f -> throw f.error();
                default -> {}
            }
        }
    }

    @Override
    public boolean onToken(GeneratedToken token) {
        if (firstTokenNanos == 0) firstTokenNanos = System.nanoTime();
        if (streaming) events.add(new Token(token));
        return !cancelled;
    }

    @Override
    public void onTail(String text) {
        if (streaming) events.add(new Tail(text));
    }

    void done(Generation g) {
        events.add(new Done(g));
    }

    void failed(RuntimeException e) {
        events.add(new Failed(e));
    }
}
