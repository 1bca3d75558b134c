package nextword.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The share of time the hypervisor ran something else on this virtual machine's CPUs ("steal" in
 * {@code /proc/stat}): on a shared host it says how much of a benchmark's spread was the neighbours'. With
 * threads that meet many times a token, one CPU taken away for a few milliseconds stalls them all.
 */
final class HostSteal {

    private static final Path STAT = Path.of("/proc/stat");

    /** The counters of every CPU together, in clock ticks; null where the system does not have them. */
    record Sample(long steal, long total) {}

    private HostSteal() {}

    static Sample sample() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (!line.startsWith("cpu ")) continue;
                String[] f = line.trim().split("\\s+");
                if (f.length < 9) return null;
                long total = 0;
                // user nice system idle iowait irq softirq steal; guest time is already inside user
                for (int i = 1; i <= 8; i++) total += Long.parseLong(f[i]);
                return new Sample(Long.parseLong(f[8]), total);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: unknown
        }
        return null;
    }

    /** The stolen share of the CPUs' time between two samples, or -1 if unknown. */
    static double fraction(Sample from, Sample to) {
        if (from == null || to == null || to.total <= from.total) return -1;
        return (double) (to.steal - from.steal) / (to.total - from.total);
    }
}
