package nextword.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parallel loops for decoding: about sixty tiny loops per token (a few microseconds each), run by a fixed
 * team of {@link Parallel#threads()} threads without allocating anything and without a pool's hand-off cost.
 *
 * <p>The caller posts a loop and works on it too; the other threads spin briefly between loops (the next one
 * follows within microseconds while a token is being computed) and then park. As with {@link Parallel}, the
 * body must compute each index's outputs independently of how [0, n) is cut into ranges (one range on one
 * thread, chunks of {@code grain} on several), so results never depend on the thread count. One loop runs
 * at a time; a second caller meanwhile (another session on another thread) runs its loop on its own thread
 * rather than wait.
 */
public final class Team {

    /** How long a worker spins for the next loop before parking: longer than the gaps inside a token. */
    private static final long SPIN_NANOS = 200_000;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Crew crew; // guarded by LOCK

    private Team() {}

    /** Runs body over [0, n) in chunks of grain indices, on the team; returns when every chunk is done. */
    public static void run(int n, int grain, Parallel.Range body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        int threads = Parallel.threads();
        if (threads == 1 || n <= g || !LOCK.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            if (crew == null || crew.size != threads) {
                if (crew != null) crew.stop();
                crew = new Crew(threads);
            }
            crew.run(n, g, body);
        } finally {
            LOCK.unlock();
        }
    }

    /** The threads besides the caller, and the loop they are working on. */
    private static final class Crew {
        final int size;
        final Worker[] workers;
        // The posted loop: written before ticket, which publishes it.
        Parallel.Range body;
        int n;
        int grain;
        int chunks;
        /** (loop number << 32) | next chunk: a worker still holding an old loop number cannot take a new chunk. */
        final AtomicLong ticket = new AtomicLong();
        final AtomicInteger done = new AtomicInteger();
        volatile long loop;
        volatile boolean stopped;
        volatile Throwable failure;

        Crew(int size) {
            this.size = size;
            workers = new Worker[size - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this);
                workers[i].setName("nextword-team-" + (i + 1));
                workers[i].setDaemon(true);
                workers[i].start();
            }
        }

        void run(int n, int grain, Parallel.Range body) {
            this.body = body;
            this.n = n;
            this.grain = grain;
            this.chunks = (n + grain - 1) / grain;
            done.set(0);
            long id = loop + 1;
            ticket.set(id << 32);
            loop = id;
            for (Worker w : workers) if (w.parked) LockSupport.unpark(w);
            work(id);
            while (done.get() < chunks) Thread.onSpinWait();
            this.body = null;
            Throwable f = failure;
            if (f != null) {
                failure = null;
                if (f instanceof RuntimeException e) throw e;
                if (f instanceof Error e) throw e;
                throw new IllegalStateException(f);
            }
        }

        /** Takes chunks of loop id until none are left. */
        void work(long id) {
            while (true) {
                long t = ticket.get();
                if (t >>> 32 != id) return;
                int c = (int) t;
                if (c >= chunks) return;
                if (!ticket.compareAndSet(t, t + 1)) continue;
                int from = c * grain;
                try {
                    body.run(from, Math.min(n, from + grain));
                } catch (Throwable e) {
                    failure = e; // reported by the caller; the chunk still counts, or the caller would wait forever
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void stop() {
            stopped = true;
            for (Worker w : workers) LockSupport.unpark(w);
        }
    }

    private static final class Worker extends Thread {
        private final Crew crew;
        volatile boolean parked;

        Worker(Crew crew) {
            this.crew = crew;
        }

        @Override
        public void run() {
            long seen = 0;
            while (!crew.stopped) {
                long id = crew.loop;
                if (id != seen) {
                    seen = id;
                    crew.work(id);
                    continue;
                }
                long spinStart = System.nanoTime();
                while (crew.loop == seen && !crew.stopped && System.nanoTime() - spinStart < SPIN_NANOS) Thread.onSpinWait();
                if (crew.loop == seen && !crew.stopped) {
                    parked = true;
                    if (crew.loop == seen && !crew.stopped) LockSupport.park(this);
                    parked = false;
                }
            }
        }
    }
}
