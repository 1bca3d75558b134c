package nextword.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * How fast this machine streams memory into the cores: every thread of the {@link Team} sums its share of an
 * off-heap buffer, the way decoding reads weights. The bound of a memory-bound decoder is this rate divided
 * by the bytes it reads per token; measured over a buffer of those bytes, it counts whatever part of them
 * the last-level cache keeps between passes, as the decoder gets it.
 *
 * <p>The rate is the best of the reading loops tried, so that a fraction of it is not flattered by a weak
 * loop: passes alternate between each thread summing one contiguous share (one stream per thread, no
 * hand-offs) and the threads taking 1 MiB pieces in turn (decoding's own schedule), and each sum keeps eight
 * independent accumulators so that the adds never wait on each other.
 */
public final class MemoryBandwidth {

    private static final int CHUNK = 1 << 20;

    private MemoryBandwidth() {}

    /** The best of reps timed passes (at least one per schedule) over a buffer of about the given size, in bytes per second. */
    public static double read(long bytes, int reps) {
        long size = Math.max(CHUNK, bytes / CHUNK * CHUNK);
        int chunks = (int) (size / CHUNK);
        int threads = Parallel.threads();
        int passes = Math.max(2, reps);
        try (Arena arena = Arena.ofShared()) { // shared: the team's threads read it
            MemorySegment buffer = HugePages.allocate(arena, size); // the weights' kind of memory
            buffer.fill((byte) 1); // touch every page, so the timed passes do not count page faults
            double best = 0;
            float[] sink = new float[chunks];
            for (int r = 0; r < passes + 2; r++) {
                boolean shares = r % 2 == 0;
                long t0 = System.nanoTime();
                if (shares) {
                    // one index per thread: a contiguous share each
                    Team.run(threads, 1, (from, to) -> {
                        for (int t = from; t < to; t++) {
                            int c0 = (int) ((long) chunks * t / threads), c1 = (int) ((long) chunks * (t + 1) / threads);
                            sink[c0] = sum(buffer, (long) c0 * CHUNK, (long) (c1 - c0) * CHUNK);
                        }
                    });
                } else {
                    Team.run(chunks, 1, (from, to) -> {
                        for (int c = from; c < to; c++) sink[c] = sum(buffer, (long) c * CHUNK, CHUNK);
                    });
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r >= 2) best = Math.max(best, size / seconds); // the first pass of each schedule warms up the JIT
            }
            return best;
        }
    }

    private static float sum(MemorySegment s, long from, long length) {
        var f = VectorLoops.F;
        long step = f.vectorByteSize();
        ByteOrder order = ByteOrder.nativeOrder();
        FloatVector a0 = FloatVector.zero(f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long o = from; o < from + length; o += 8 * step) {
            a0 = a0.add(FloatVector.fromMemorySegment(f, s, o, order));
            a1 = a1.add(FloatVector.fromMemorySegment(f, s, o + step, order));
            a2 = a2.add(FloatVector.fromMemorySegment(f, s, o + 2 * step, order));
            a3 = a3.add(FloatVector.fromMemorySegment(f, s, o + 3 * step, order));
            a4 = a4.add(FloatVector.fromMemorySegment(f, s, o + 4 * step, order));
            a5 = a5.add(FloatVector.fromMemorySegment(f, s, o + 5 * step, order));
            a6 = a6.add(FloatVector.fromMemorySegment(f, s, o + 6 * step, order));
            a7 = a7.add(FloatVector.fromMemorySegment(f, s, o + 7 * step, order));
        }
        return VectorLoops.hsum(a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))));
    }
}
