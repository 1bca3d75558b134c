package nextword.bench;

import java.util.Arrays;
import java.util.Locale;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;

/**
 * A table of matmul GFLOP/s per form, m and GPT-2 shape, on 1 and 2 threads: the same timing rule as
 * scripts/openblas_matmul.py (the best of several short windows after a warm-up), so the two tables can be set
 * side by side. Two rates per cell, by the wall clock and by CPU time (see {@link Timing}).
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp nextword-bench/target/nextword-bench.jar nextword.bench.MatMulGflops [windows] [m,…] [KxN,…]</pre>
 */
public final class MatMulGflops {

    private static final double WINDOW_SECONDS = 0.2;

    private MatMulGflops() {}

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] ms = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[]{1, 64, 256};
        String[] shapes = args.length > 2 ? args[2].split(",") : new String[]{"768x768", "768x3072", "3072x768"};
        KernelOps ops = Kernels.ops();
        System.out.printf("kernels: %s; best GFLOP/s of %d windows of %.1f s, wall clock / CPU time%n", ops.name(), windows, WINDOW_SECONDS);
        System.out.printf("%-5s %5s %-10s %15s %15s%n", "form", "m", "k x n", "1 thread", "2 threads");
        for (MatMulShape.Form form : MatMulShape.Form.values()) {
            // compile every path (packed, matrix-vector, transposes) before the first timed window
            for (int m : new int[]{1, 64}) {
                MatMulShape s = new MatMulShape(form, m, 256, 512);
                float[][] x = s.operands(1);
                Timing.window(() -> s.run(ops, x[0], x[1], x[2]), 1.0);
            }
        }
        for (MatMulShape.Form form : MatMulShape.Form.values()) {
            for (int m : ms) {
                for (String kn : shapes) {
                    MatMulShape s = MatMulShape.parse(form, m, kn);
                    float[][] x = s.operands(42);
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-5s %5d %-10s", form, m, kn));
                    for (int threads : new int[]{1, 2}) {
                        Parallel.setThreads(threads);
                        double[] g = measure(s, ops, x, windows);
                        row.append(String.format(Locale.ROOT, " %7.1f /%6.1f", g[0], g[1]));
                    }
                    System.out.println(row);
                }
            }
        }
    }

    /** {wall-clock, CPU-time} GFLOP/s of the best windows. */
    private static double[] measure(MatMulShape s, KernelOps ops, float[][] x, int windows) {
        Timing.Result r = Timing.best(() -> s.run(ops, x[0], x[1], x[2]), 0.3, windows, WINDOW_SECONDS);
        return new double[]{s.flops() / r.wallSeconds() / 1e9, s.flops() / r.cpuSeconds() / 1e9};
    }
}
