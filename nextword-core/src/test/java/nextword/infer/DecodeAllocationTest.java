package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Decoding a token allocates nothing once C2 has compiled the kernels.
 *
 * <p>Run by surefire in a JVM of its own (nextword-core's pom): whether a Vector API value stays in registers
 * depends on C2 inlining the small vector helpers, and C2 declines to inline a helper already compiled large
 * for another caller. In a JVM that first ran every other test (training, convolutions) that happened once in a
 * clean-clone CI run, so the check is made where `generate` and `serve` run: a JVM that decodes.
 */
class DecodeAllocationTest {

    @Test
    void decodingAllocatesNothingPerToken() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Precision p : Precision.values()) {
            try (LanguageModel m = TinyModels.model(11, p)) {
                Session s = m.newSession();
                int[] ids = TinyModels.tokens(TinyModels.CONFIG.contextLength(), 12);
                // Until C2 has compiled the kernels, the Vector API runs as Java code that allocates every vector;
                // after that, a token must allocate nothing. Measure in windows until one is clean.
                // (a loaded machine starves the compiler threads, hence a deadline rather than a count)
                long perToken = Long.MAX_VALUE;
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (perToken >= 16 && System.nanoTime() < deadline) {
                    for (int round = 0; round < 50; round++) decodeAll(s, ids);
                    long[] threads = teamThreads();
                    long before = allocated(mx, threads);
                    int rounds = 10;
                    for (int round = 0; round < rounds; round++) decodeAll(s, ids);
                    perToken = (allocated(mx, threads) - before) / ((long) rounds * ids.length);
                }
                assertTrue(perToken < 16, p + ": " + perToken + " bytes allocated per token");
            }
        }
    }

    private static void decodeAll(Session s, int[] ids) {
        s.reset();
        for (int id : ids) s.decode(id);
    }

    private static long[] teamThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("nextword-team") || t == Thread.currentThread())
                .mapToLong(Thread::threadId).toArray();
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
        return Arrays.stream(mx.getThreadAllocatedBytes(ids)).sum();
    }
}
