package nextword.app.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.kernels.KernelOps;

/**
 * Where the time of a step goes: wraps the kernels so that every call is timed, grouped by kernel and, for
 * matrix products, by shape. The wrapper costs a little per call; the shares are what matter.
 */
final class KernelProfile {

    private final KernelOps timed;
    private final Map<String, double[]> totals = new HashMap<>(); // key → {milliseconds, calls}
    private boolean recording;

    KernelProfile(KernelOps real) {
        this.timed = (KernelOps) Proxy.newProxyInstance(KernelOps.class.getClassLoader(), new Class<?>[] {KernelOps.class},
                (proxy, method, args) -> call(real, method, args));
    }

    private Object call(KernelOps real, Method method, Object[] args) throws Throwable {
        long t0 = System.nanoTime();
        Object result;
        try {
            result = method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (recording) {
            String key = method.getName();
            if (key.startsWith("matmul")) key += String.format(Locale.ROOT, " m=%d k=%d n=%d", args[6], args[7], args[8]);
            synchronized (totals) { // data-parallel shards call kernels from two threads
                double[] t = totals.computeIfAbsent(key, k -> new double[2]);
                t[0] += (System.nanoTime() - t0) / 1e6;
                t[1]++;
            }
        }
        return result;
    }

    KernelOps ops() {
        return timed;
    }

    /** Starts counting (after the warm-up steps). */
    void record() {
        recording = true;
    }

    /** The table, largest share first, per step of the given count. */
    void print(PrintWriter out, int steps) {
        double all = totals.values().stream().mapToDouble(t -> t[0]).sum();
        List<Map.Entry<String, double[]>> rows = new ArrayList<>(totals.entrySet());
        rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        out.printf(Locale.ROOT, "%10s %6s %8s  %s%n", "ms/step", "share", "calls", "kernel");
        for (Map.Entry<String, double[]> r : rows) {
            out.printf(Locale.ROOT, "%10.1f %5.1f%% %8.0f  %s%n", r.getValue()[0] / steps, 100 * r.getValue()[0] / all, r.getValue()[1] / steps, r.getKey());
        }
        out.printf(Locale.ROOT, "%10.1f        in kernels per step%n", all / steps);
    }
}
