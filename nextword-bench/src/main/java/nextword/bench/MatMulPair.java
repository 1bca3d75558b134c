package nextword.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Old vs new nextword kernels in one JVM (one class loader per jar), timed in alternating windows so both see
 * the same machine load. Reports per-cell medians of wall and thread-CPU GFLOP/s and the median new/old ratio.
 * <pre>java --add-modules=jdk.incubator.vector -cp nextword-bench/target/nextword-bench.jar nextword.bench.MatMulPair OLD.jar NEW.jar rounds threads,… form:m:k:n …</pre>
 * e.g. {@code … 7 1,2 AB:2048:384:1536 AtB:384:2048:1536}; form is AB, ABt or AtB. Under a shared machine the
 * median ratio of back-to-back windows is far steadier than either rate alone.
 */
public final class MatMulPair {
    private static final ThreadMXBean TB = ManagementFactory.getThreadMXBean();

    /** CPU time of the main thread and the kernel threads (nanosecond clocks, unlike the process total). */
    static long cpu() {
        long s = 0;
        for (ThreadInfo ti : TB.getThreadInfo(TB.getAllThreadIds())) {
            if (ti == null) continue;
            String nm = ti.getThreadName();
            if (nm.startsWith("nextword-") || nm.equals("main")) s += Math.max(0, TB.getThreadCpuTime(ti.getThreadId()));
        }
        return s;
    }

    /** One jar's kernels, reached through its own class loader. */
    record Impl(Object ops, Method ab, Method abt, Method atb, Method setThreads) {
        static Impl load(String jar) throws Exception {
            ClassLoader cl = new URLClassLoader(new URL[]{Path.of(jar).toUri().toURL()}, MatMulPair.class.getClassLoader().getParent());
            Class<?> kernels = Class.forName("nextword.kernels.Kernels", true, cl);
            Object ops = kernels.getMethod("ops").invoke(null);
            Class<?> ko = Class.forName("nextword.kernels.KernelOps", true, cl);
            Class<?>[] sig = {float[].class, int.class, float[].class, int.class, float[].class, int.class, int.class, int.class, int.class, boolean.class};
            return new Impl(ops, ko.getMethod("matmul", sig), ko.getMethod("matmulTransB", sig), ko.getMethod("matmulTransA", sig),
                    Class.forName("nextword.kernels.Parallel", true, cl).getMethod("setThreads", int.class));
        }
        void run(String form, float[] a, float[] b, float[] c, int m, int k, int n) throws Exception {
            Method f = switch (form) { case "AB" -> ab; case "ABt" -> abt; default -> atb; };
            f.invoke(ops, a, 0, b, 0, c, 0, m, k, n, false);
        }
    }
    private MatMulPair() {}

    public static void main(String[] args) throws Exception {
        Impl[] impl = {Impl.load(args[0]), Impl.load(args[1])};
        int rounds = Integer.parseInt(args[2]);
        int[] threadCounts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        System.out.printf("%-4s %-16s %3s | %-22s | %-22s | %s%n", "form", "m,k,n", "thr", "old wall/cpu GFLOP/s", "new wall/cpu GFLOP/s", "new/old (cpu, wall)");
        for (int s = 4; s < args.length; s++) {
            String[] p = args[s].split(":");
            String form = p[0]; int m = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]), n = Integer.parseInt(p[3]);
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble() - 0.5f;
            double flops = 2.0 * m * k * n;
            for (int th : threadCounts) {
                for (Impl im : impl) { im.setThreads.invoke(null, th); long t0 = System.nanoTime(); while (System.nanoTime() - t0 < 300_000_000L) im.run(form, a, b, c, m, k, n); }
                double[][] wall = new double[2][rounds], cpu = new double[2][rounds];
                double[] rc = new double[rounds], rw = new double[rounds];
                for (int rd = 0; rd < rounds; rd++) {
                    for (int v = 0; v < 2; v++) {
                        int x = (rd % 2 == 0) ? v : 1 - v;
                        Impl im = impl[x];
                        long c0 = cpu(), t0 = System.nanoTime(); int reps = 0;
                        do { im.run(form, a, b, c, m, k, n); reps++; } while (System.nanoTime() - t0 < 120_000_000L);
                        long t1 = System.nanoTime(), c1 = cpu();
                        wall[x][rd] = flops * reps / (t1 - t0); cpu[x][rd] = flops * reps / (c1 - c0);
                    }
                    rc[rd] = cpu[1][rd] / cpu[0][rd]; rw[rd] = wall[1][rd] / wall[0][rd];
                }
                System.out.printf("%-4s %-16s %3d | %8.1f / %8.1f    | %8.1f / %8.1f    | %.2f, %.2f%n", form, m + "," + k + "," + n, th,
                        med(wall[0]), med(cpu[0]), med(wall[1]), med(cpu[1]), med(rc), med(rw));
            }
        }
    }
    private static double med(double[] x) { double[] y = x.clone(); Arrays.sort(y); return y[y.length / 2]; }
}
