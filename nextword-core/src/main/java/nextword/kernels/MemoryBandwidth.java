package nextword.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * How fast this machine streams memory into the cores: every thread of the {@link Team} sums its share of an
 * off-heap buffer larger than the caches, the way decoding reads weights. The bound of a memory-bound
 * decoder is this rate divided by the bytes it reads per token.
 */
public final class MemoryBandwidth {

    private static final int CHUNK = 1 << 20;

    private MemoryBandwidth() {}

    /** The best of reps timed passes over a buffer of the given size, in bytes per second. */
    public static double read(long bytes, int reps) {
        long size = Math.max(CHUNK, bytes / CHUNK * CHUNK);
        try (Arena arena = Arena.ofShared()) { // shared: the team's threads read it
            MemorySegment buffer = arena.allocate(size, 4096);
            buffer.fill((byte) 1); // touch every page, so the timed passes do not count page faults
            double best = 0;
            float[] sink = new float[(int) (size / CHUNK)];
            for (int r = 0; r < reps + 1; r++) {
                long t0 = System.nanoTime();
                Team.run((int) (size / CHUNK), 1, (from, to) -> {
                    for (int c = from; c < to; c++) sink[c] = sum(buffer, (long) c * CHUNK, CHUNK);
                });
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r > 0) best = Math.max(best, size / seconds); // the first pass warms up the JIT
            }
            return best;
        }
    }

    private static float sum(MemorySegment s, long from, long length) {
        var f = VectorLoops.F;
        long step = f.vectorByteSize();
        FloatVector a0 = FloatVector.zero(f), a1 = a0, a2 = a0, a3 = a0;
        for (long o = from; o < from + length; o += 4 * step) {
            a0 = a0.add(FloatVector.fromMemorySegment(f, s, o, ByteOrder.nativeOrder()));
            a1 = a1.add(FloatVector.fromMemorySegment(f, s, o + step, ByteOrder.nativeOrder()));
            a2 = a2.add(FloatVector.fromMemorySegment(f, s, o + 2 * step, ByteOrder.nativeOrder()));
            a3 = a3.add(FloatVector.fromMemorySegment(f, s, o + 3 * step, ByteOrder.nativeOrder()));
        }
        return VectorLoops.hsum(a0.add(a1).add(a2.add(a3)));
    }
}
