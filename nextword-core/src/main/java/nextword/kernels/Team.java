package nextword.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads behind every parallel loop ({@link Parallel#range}) and decoding's: about sixty tiny loops per
 * token (a few microseconds each), run by a fixed team of {@link Parallel#threads()} threads without
 * allocating anything and without a pool's hand-off cost.
 *
 * <p>The caller posts a loop and works on it too; the other threads spin briefly between loops (the next one
 * follows within microseconds while a token is being computed) and then park. As with {@link Parallel}, the
 * body must compute each index's outputs independently of how [0, n) is cut into ranges (one range on one
 * thread, chunks of {@code grain} on several), so results never depend on the thread count. One loop runs
 * at a time; a second caller meanwhile (another session on another thread) runs its loop on its own thread
 * rather than wait.
 *
 * <p>Each thread owns a contiguous share of the chunks and takes them from the front, so that it streams one
 * run of a weight matrix from start to end; a thread done with its share takes chunks from the back of the
 * others' (so a descheduled thread delays a loop by one chunk at most). A share's two ends live in one word
 * per thread, on its own cache line, and each thread reports its count of chunks once per loop: the threads
 * touch a shared line only to steal and to finish.
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
        // the lock is reentrant: a loop started inside this thread's own loop must not re-enter the crew
        if (threads == 1 || n <= g || LOCK.isHeldByCurrentThread() || !LOCK.tryLock()) {
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
        // The posted loop: written before the shares, which publish it.
        Parallel.Range body;
        int n;
        int grain;
        int chunks;
        /**
         * Thread t's share at index t·{@value #PAD}: (loop number mod 2²⁴) << 40 | front << 20 | back (chunks
         * [front, back) left), so that a thread still holding an old loop number cannot take a new chunk.
         */
        final AtomicLongArray shares;
        final AtomicInteger done = new AtomicInteger();
        volatile long loop;
        volatile boolean stopped;
        volatile Throwable failure;

        /** Longs between two shares: two cache lines, so that neither a line nor its prefetched pair is shared. */
        static final int PAD = 16;
        /** Chunks a loop may have: front and back take 20 bits each. */
        static final int MAX_CHUNKS = (1 << 20) - 1;

        Crew(int size) {
            this.size = size;
            shares = new AtomicLongArray(size * PAD);
            workers = new Worker[size - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this, i + 1);
                workers[i].setName("nextword-team-" + (i + 1));
                workers[i].setDaemon(true);
                workers[i].start();
            }
        }

        void run(int n, int grain, Parallel.Range body) {
            int g = Math.max(grain, (int) ((n + (long) MAX_CHUNKS - 1) / MAX_CHUNKS));
            this.body = body;
            this.n = n;
            this.grain = g;
            this.chunks = (n + g - 1) / g;
            done.set(0);
            long id = loop + 1;
            for (int t = 0; t < size; t++) shares.set(t * PAD, share(id, (int) ((long) chunks * t / size), (int) ((long) chunks * (t + 1) / size)));
            loop = id;
            for (Worker w : workers) if (w.parked) LockSupport.unpark(w);
            work(id, 0);
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

        private static long share(long id, int front, int back) {
            return (id & 0xFFFFFF) << 40 | (long) front << 20 | back;
        }

        /** Thread self's part of loop id: its own share from the front, then the others' from the back. */
        void work(long id, int self) {
            int count = 0;
            try {
                for (int i = 0; i < size; i++) {
                    int t = (self + i) % size;
                    while (true) {
                        long s = shares.get(t * PAD);
                        if (s >>> 40 != (id & 0xFFFFFF)) return; // a later loop: this one is finished
                        int front = (int) (s >>> 20) & MAX_CHUNKS, back = (int) s & MAX_CHUNKS;
                        if (front >= back) break;
                        int c = i == 0 ? front : back - 1;
                        long next = i == 0 ? share(id, front + 1, back) : share(id, front, back - 1);
                        if (!shares.compareAndSet(t * PAD, s, next)) continue;
                        count++;
                        int from = c * grain;
                        try {
                            body.run(from, Math.min(n, from + grain));
                        } catch (Throwable e) {
                            failure = e; // reported by the caller; the chunk still counts, or the caller would wait forever
                        }
                    }
                }
            } finally {
                if (count > 0) done.addAndGet(count);
            }
        }

        void stop() {
            stopped = true;
            for (Worker w : workers) LockSupport.unpark(w);
        }
    }

    private static final class Worker extends Thread {
        private final Crew crew;
        private final int self;
        volatile boolean parked;

        Worker(Crew crew, int self) {
            this.crew = crew;
            this.self = self;
        }

        @Override
        public void run() {
            long seen = 0;
            while (!crew.stopped) {
                long id = crew.loop;
                if (id != seen) {
                    seen = id;
                    crew.work(id, self);
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
