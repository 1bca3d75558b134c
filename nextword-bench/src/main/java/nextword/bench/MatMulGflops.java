package nextword.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;

/**
 * A table of matmul GFLOP/s per form, m and GPT-2 shape, on 1 and 2 threads: the same timing rule as
 * scripts/openblas_matmul.py (best and median of several short windows after a warm-up), so the two tables
 * can be set side by side.
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
        System.out.printf("kernels: %s; best (median) GFLOP/s of %d windows of %.1f s%n", ops.name(), windows, WINDOW_SECONDS);
        System.out.printf("%-5s %5s %-10s %18s %18s%n", "form", "m", "k x n", "1 thread", "2 threads");
        for (MatMulShape.Form form : MatMulShape.Form.values()) {
            for (int m : ms) {
                for (String kn : shapes) {
                    MatMulShape s = MatMulShape.parse(form, m, kn);
                    float[][] x = s.operands(42);
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-5s %5d %-10s", form, m, kn));
                    for (int threads : new int[]{1, 2}) {
                        Parallel.setThreads(threads);
                        double[] g = measure(s, ops, x, windows);
                        row.append(String.format(Locale.ROOT, " %8.1f (%6.1f)", g[0], g[1]));
                    }
                    System.out.println(row);
                }
            }
        }
    }

    /** {best, median} GFLOP/s over the windows. */
    private static double[] measure(MatMulShape s, KernelOps ops, float[][] x, int windows) {
        window(s, ops, x, 0.3); // warm-up: JIT and caches
        List<Double> rates = new ArrayList<>();
        for (int w = 0; w < windows; w++) rates.add(window(s, ops, x, WINDOW_SECONDS));
        rates.sort(null);
        return new double[]{rates.get(rates.size() - 1), rates.get(rates.size() / 2)};
    }

    private static double window(MatMulShape s, KernelOps ops, float[][] x, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int calls = 0;
        long now;
        do {
            s.run(ops, x[0], x[1], x[2]);
            calls++;
            now = System.nanoTime();
        } while (now < end);
        return s.flops() * calls / ((now - start) / 1e9) / 1e9;
    }
}
