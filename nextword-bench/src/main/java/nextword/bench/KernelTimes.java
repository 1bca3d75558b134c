package nextword.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nextword.kernels.Parallel;

/**
 * The {@link ElementwiseBench} kernels timed by {@link Timing}: µs per call for the scalar specification
 * (1 thread) and the Vector API kernels on 1 and 2 threads, by wall clock / CPU time.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp nextword-bench/target/nextword-bench.jar nextword.bench.KernelTimes [windows]</pre>
 */
public final class KernelTimes {

    private KernelTimes() {}

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        ElementwiseBench scalar = bench("scalar");
        ElementwiseBench panama = bench("panama");
        System.out.printf("best µs per call of %d windows of 0.3 s, wall clock / CPU time%n", windows);
        System.out.printf("%-22s %17s %17s %17s %8s%n", "kernel", "scalar, 1 thread", "panama, 1 thread", "panama, 2 threads", "speed-up");
        Map<String, Runnable[]> kernels = kernels(scalar, panama);
        // C2 must have compiled every vector loop before the first window (see Timing)
        for (Runnable[] k : kernels.values()) Timing.window(k[1], 3);
        for (Map.Entry<String, Runnable[]> e : kernels.entrySet()) {
            Parallel.setThreads(1);
            Timing.Result s = Timing.best(e.getValue()[0], 1, windows, 0.3);
            Timing.Result p1 = Timing.best(e.getValue()[1], 1, windows, 0.3);
            Parallel.setThreads(2);
            Timing.Result p2 = Timing.best(e.getValue()[1], 1, windows, 0.3);
            System.out.printf(Locale.ROOT, "%-22s %17s %17s %17s %7.1fx%n", e.getKey(), us(s), us(p1), us(p2),
                    s.cpuSeconds() / p1.cpuSeconds());
        }
    }

    private static ElementwiseBench bench(String kernels) {
        ElementwiseBench b = new ElementwiseBench();
        b.kernels = kernels;
        b.setup();
        return b;
    }

    /** name → {scalar call, panama call}. */
    private static Map<String, Runnable[]> kernels(ElementwiseBench s, ElementwiseBench p) {
        Map<String, Runnable[]> k = new LinkedHashMap<>();
        k.put("softmax 50257", new Runnable[]{s::softmaxVocabRow, p::softmaxVocabRow});
        k.put("layerNorm 1024x768", new Runnable[]{s::layerNorm1024x768, p::layerNorm1024x768});
        k.put("gelu 1024x3072", new Runnable[]{s::gelu1024x3072, p::gelu1024x3072});
        k.put("crossEntropy 64x50257", new Runnable[]{s::crossEntropy64x50257, p::crossEntropy64x50257});
        k.put("adamw 10M", new Runnable[]{s::adamw10M, p::adamw10M});
        return k;
    }

    private static String us(Timing.Result r) {
        return String.format(Locale.ROOT, "%.0f / %.0f", r.wallSeconds() * 1e6, r.cpuSeconds() * 1e6);
    }
}
