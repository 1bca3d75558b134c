package nextword.app.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import nextword.infer.Generation;

/**
 * What the server has done, in Prometheus's text format for {@code GET /metrics}: requests by route and
 * status, tokens in and out, tokens per second over the last {@value #WINDOW_SECONDS} seconds, cancelled
 * requests, queue depth, and histograms of request latency and time to the first token. Thread-safe.
 */
final class Metrics {

    static final int WINDOW_SECONDS = 10;
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder generatedTokens = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final Histogram latency = new Histogram();
    private final Histogram firstToken = new Histogram();
    // tokens counted per second of the clock, in a ring: [second % WINDOW] holds second's count
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS + 1);
    private final AtomicLongArray secondOf = new AtomicLongArray(WINDOW_SECONDS + 1);
    private volatile IntSupplier queued = () -> 0;
    private volatile IntSupplier active = () -> 0;
    private volatile int workers;

    /** Where the gauges read the scheduler's state. */
    void watch(Scheduler s) {
        queued = s::queued;
        active = s::active;
        workers = s.workers();
    }

    /** One token generated now. */
    void token() {
        long second = System.nanoTime() / 1_000_000_000L;
        int slot = (int) (second % perSecond.length());
        long owner = secondOf.get(slot);
        if (owner != second && secondOf.compareAndSet(slot, owner, second)) perSecond.set(slot, 0);
        perSecond.incrementAndGet(slot);
    }

    void generated(Generation g) {
        generatedTokens.add(g.tokens().size());
        promptTokens.add(g.promptTokens());
    }

    void cancelled() {
        cancelled.increment();
    }

    /** A finished request: its route, status and how long it took; firstTokenNanos −1 when none came. */
    void request(String route, int status, long nanos, long firstTokenNanos) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        if (route.startsWith("/v1/") && route.endsWith("completions")) {
            latency.observe(nanos / 1e9);
            if (firstTokenNanos >= 0) firstToken.observe(firstTokenNanos / 1e9);
        }
    }

    long cancelledCount() {
        return cancelled.sum();
    }

    long generatedCount() {
        return generatedTokens.sum();
    }

    /** Tokens per second over the last full {@value #WINDOW_SECONDS} seconds. */
    double tokensPerSecond() {
        long now = System.nanoTime() / 1_000_000_000L;
        long sum = 0;
        for (int i = 0; i < perSecond.length(); i++) {
            long s = secondOf.get(i);
            if (s < now && s >= now - WINDOW_SECONDS) sum += perSecond.get(i);
        }
        return sum / (double) WINDOW_SECONDS;
    }

    /** Everything, as Prometheus scrapes it. */
    String prometheus() {
        StringBuilder o = new StringBuilder();
        o.append("# HELP nextword_requests_total HTTP requests answered, by route and status.\n# TYPE nextword_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            String[] rs = k.split("\u0000");
            o.append("nextword_requests_total{route=\"").append(rs[0]).append("\",status=\"").append(rs[1]).append("\"} ").append(v.sum()).append('\n');
        });
        counter(o, "nextword_generated_tokens_total", "Tokens generated.", generatedTokens.sum());
        counter(o, "nextword_prompt_tokens_total", "Prompt tokens processed.", promptTokens.sum());
        counter(o, "nextword_cancelled_requests_total", "Generations stopped because their client went away.", cancelled.sum());
        gauge(o, "nextword_tokens_per_second", "Tokens generated per second over the last " + WINDOW_SECONDS + " s.", tokensPerSecond());
        gauge(o, "nextword_queue_depth", "Requests waiting for a decoding worker.", queued.getAsInt());
        gauge(o, "nextword_active_requests", "Requests being generated now.", active.getAsInt());
        gauge(o, "nextword_workers", "Decoding workers (--parallel).", workers);
        latency.write(o, "nextword_request_duration_seconds", "Time from a completion request's arrival to its last byte.");
        firstToken.write(o, "nextword_time_to_first_token_seconds", "Time from a completion request's arrival to its first generated token.");
        return o.toString();
    }

    private static void counter(StringBuilder o, String name, String help, long value) {
        o.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder o, String name, String help, double value) {
        o.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%.6g", value)).append('\n');
    }

    /** Prometheus's cumulative histogram: a count per upper bound, their sum and count. */
    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length];
        private final LongAdder total = new LongAdder();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) counts[i].increment();
            total.increment();
            sum.add(seconds);
        }

        void write(StringBuilder o, String name, String help) {
            o.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" histogram\n");
            for (int i = 0; i < BUCKETS.length; i++) {
                o.append(name).append("_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(counts[i].sum()).append('\n');
            }
            o.append(name).append("_bucket{le=\"+Inf\"} ").append(total.sum()).append('\n');
            o.append(name).append("_sum ").append(String.format(Locale.ROOT, "%.6f", sum.sum())).append('\n');
            o.append(name).append("_count ").append(total.sum()).append('\n');
        }
    }
}
