package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class TeamTest {

    @Test
    void everyIndexRunsExactlyOnceWhateverTheThreadCount() {
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int n : new int[] {1, 5, 64, 1000}) {
                    for (int grain : new int[] {1, 7, 2000}) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(n);
                        for (int repeat = 0; repeat < 50; repeat++) Team.run(n, grain, (from, to) -> {
                            for (int i = from; i < to; i++) hits.incrementAndGet(i);
                        });
                        for (int i = 0; i < n; i++) assertEquals(50, hits.get(i), "index " + i + " n=" + n + " grain=" + grain + " threads=" + threads);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aFailureReachesTheCallerAndTheTeamRecovers() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Team.run(100, 1, (from, to) -> {
                if (from == 57) throw new IllegalStateException("chunk 57");
            }));
            assertEquals("chunk 57", e.getMessage());
            int[] sum = new int[1];
            Team.run(10, 1, (from, to) -> {
                synchronized (sum) {
                    sum[0] += from;
                }
            });
            assertEquals(45, sum[0]);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void concurrentCallersAllFinish() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] f = new Future<?>[4];
            for (int c = 0; c < 4; c++) {
                f[c] = pool.submit(() -> {
                    for (int r = 0; r < 200; r++) {
                        long[] out = new long[64];
                        Team.run(64, 4, (from, to) -> {
                            for (int i = from; i < to; i++) out[i] = i;
                        });
                        for (int i = 0; i < 64; i++) if (out[i] != i) throw new AssertionError("index " + i);
                    }
                    return null;
                });
            }
            for (Future<?> x : f) x.get();
        } finally {
            pool.shutdown();
        }
    }
}
