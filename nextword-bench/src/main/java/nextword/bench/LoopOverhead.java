package nextword.bench;

import java.util.Locale;
import nextword.kernels.Parallel;

/**
 * What one parallel loop costs beyond its work: µs per {@link Parallel#range} call of two chunks, for chunks
 * of no work and of 10k and 100k multiply-adds each, on the current thread count. A small training step makes
 * hundreds of kernel calls of 0.1–2 ms, so a hand-off of tens of µs shows in its time.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp nextword-bench/target/nextword-bench.jar nextword.bench.LoopOverhead</pre>
 */
public final class LoopOverhead {

    private static volatile double sink;

    private LoopOverhead() {}

    public static void main(String[] args) {
        int calls = 20_000;
        System.out.printf("%d threads; µs per call of a 2-chunk loop, best of 3 rounds of %d calls%n", Parallel.threads(), calls);
        for (int work : new int[] {0, 10_000, 100_000}) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) Parallel.range(2, 1, (lo, hi) -> sink = spin(work * (hi - lo)));
                best = Math.min(best, (System.nanoTime() - t0) / 1e3 / calls);
            }
            System.out.printf(Locale.ROOT, "work %,7d per chunk: %8.1f µs%n", work, best);
        }
    }

    private static double spin(int n) {
        double s = 0;
        for (int j = 0; j < n; j++) s += j * 0.5;
        return s;
    }
}
