package nextword.bench;

import java.lang.management.ManagementFactory;
import nextword.kernels.Parallel;

/**
 * Times a call by the best of several short windows, both by the wall clock and by the process's CPU time
 * divided by the kernel thread count. On a machine shared with other work, the wall clock counts the time
 * others held the cores; the CPU time does not, so it is the steadier estimate of what the code does alone.
 */
final class Timing {

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Seconds per call: the best window by wall clock and the best by CPU time. */
    record Result(double wallSeconds, double cpuSeconds) {}

    private Timing() {}

    /**
     * Warms up for {@code warmup} seconds and at least 50 calls (Vector API code runs a thousand times slower
     * until C2 has compiled it, which takes thousands of loop iterations), then returns the best of
     * {@code windows} windows of {@code seconds}.
     */
    static Result best(Runnable call, double warmup, int windows, double seconds) {
        window(call, warmup);
        for (int i = 0; i < 50; i++) call.run();
        double wall = Double.MAX_VALUE, cpu = Double.MAX_VALUE;
        for (int w = 0; w < windows; w++) {
            Result r = window(call, seconds);
            wall = Math.min(wall, r.wallSeconds);
            cpu = Math.min(cpu, r.cpuSeconds);
        }
        return new Result(wall, cpu);
    }

    /** Calls repeatedly for at least {@code seconds}; seconds per call. */
    static Result window(Runnable call, double seconds) {
        long start = System.nanoTime();
        long cpuStart = CPU.getProcessCpuTime();
        long end = start + (long) (seconds * 1e9);
        int calls = 0;
        long now;
        do {
            call.run();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        double cpu = (CPU.getProcessCpuTime() - cpuStart) / 1e9 / Parallel.threads();
        return new Result((now - start) / 1e9 / calls, cpu / calls);
    }
}
