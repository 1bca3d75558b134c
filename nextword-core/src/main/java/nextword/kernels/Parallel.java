package nextword.kernels;

/**
 * Parallel loops for kernels, on {@link Team}'s crew of threads sized to the cores (or
 * {@code -Dnextword.threads=N}).
 *
 * <p>Work is split over independent output ranges only: every output element is written by exactly one
 * task, in the same order of operations whatever the split, so results never depend on the thread count.
 * The crew spins briefly between loops instead of parking at once, as a fork/join pool does: waking a
 * parked pool thread took 20–30 µs a call here, as long as many a kernel call of a small training step.
 */
public final class Parallel {

    /** The body of a parallel loop: handles indices [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private static volatile int threads = defaultThreads();

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

    /** The number of threads kernels use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (tests use it to show results do not depend on the thread count). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Parallel.threads = threads;
    }

    /**
     * Runs body over [0, n) split into chunks of at least {@code grain} indices, a few per thread so that
     * uneven rows balance. Runs inline when there is one thread or one chunk, when the caller is already in
     * a parallel loop (no nested parallelism), or while another thread's loop holds the crew.
     */
    public static void range(int n, int grain, Range body) {
        if (n <= 0) return;
        int t = threads;
        int g = Math.max(Math.max(1, grain), (n + 4 * t - 1) / (4 * t));
        Team.run(n, g, body);
    }
}
