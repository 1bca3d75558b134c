package nextword.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * A dedicated pool for kernels, sized to the cores (or {@code -Dnextword.threads=N}).
 *
 * <p>Work is split over independent output ranges only: every output element is written by exactly one
 * task, in the same order of operations whatever the split, so results never depend on the thread count.
 */
public final class Parallel {

    /** The body of a parallel loop: handles indices [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private static volatile ForkJoinPool pool = newPool(defaultThreads());

    private Parallel() {}

    private static int defaultThreads() {
        String configured = System.getProperty("nextword.threads", System.getenv("NEXTWORD_THREADS"));
        if (configured != null && !configured.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(configured.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("nextword.threads must be a positive integer, not '" + configured + "'");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(threads, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("nextword-kernel-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** The number of threads kernels use. */
    public static int threads() {
        return pool.getParallelism();
    }

    /** Replaces the pool (tests use it to show results do not depend on the thread count). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (threads == threads()) return;
        ForkJoinPool old = pool;
        pool = newPool(threads);
        old.shutdown();
    }

    /**
     * Runs body over [0, n) split into chunks of at least {@code grain} indices. Runs inline when there is
     * one thread, one chunk, or the caller is already a kernel thread (no nested parallelism).
     */
    public static void range(int n, int grain, Range body) {
        if (n <= 0) return;
        ForkJoinPool p = pool;
        int threads = p.getParallelism();
        int g = Math.max(1, grain);
        if (threads == 1 || n <= g || java.util.concurrent.ForkJoinTask.getPool() == p) {
            body.run(0, n);
            return;
        }
        // A few chunks per thread balance uneven rows without making tasks tiny.
        int chunks = Math.min((n + g - 1) / g, threads * 4);
        p.invoke(new Chunk(body, n, chunks, 0, chunks));
    }

    private static final class Chunk extends RecursiveAction {
        private final Range body;
        private final int n;
        private final int chunks;
        private final int lo;
        private final int hi;

        Chunk(Range body, int n, int chunks, int lo, int hi) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                int from = (int) ((long) n * lo / chunks);
                int to = (int) ((long) n * (lo + 1) / chunks);
                body.run(from, to);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunk(body, n, chunks, lo, mid), new Chunk(body, n, chunks, mid, hi));
        }
    }
}
