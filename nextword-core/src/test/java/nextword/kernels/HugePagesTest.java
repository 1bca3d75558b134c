package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HugePagesTest {

    @Test
    void smallBlocksComeFromTheArenaZeroedAndAligned() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = HugePages.allocate(arena, 1000);
            assertEquals(1000, s.byteSize());
            assertEquals(0, s.address() % 64);
            assertZeroThenWritable(s);
        }
    }

    @Test
    void largeBlocksAreZeroedBoundedAndFreedWithTheArena() {
        long bytes = (6L << 20) + 12; // not a whole number of pages
        Arena arena = Arena.ofShared();
        MemorySegment s = HugePages.allocate(arena, bytes);
        assertEquals(bytes, s.byteSize());
        // on Linux the block is mapped on its own and starts on a 2 MiB boundary, elsewhere it is the arena's
        assertEquals(0, s.address() % (System.getProperty("os.name").startsWith("Linux") ? 2L << 20 : 64));
        assertZeroThenWritable(s);
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(ValueLayout.JAVA_BYTE, bytes));
        arena.close();
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void aPoolSlicesZeroedAlignedDisjointBlocksThatLiveWithTheArena() {
        Arena arena = Arena.ofShared();
        SegmentAllocator pool = HugePages.pool(arena);
        // small ones share blocks, one too big for what is left starts a new block, a huge one is mapped alone
        long[] sizes = {1000, 3L << 20, 12, 9L << 20, 40L << 20, 7, 5L << 20};
        List<MemorySegment> given = new ArrayList<>();
        for (long n : sizes) {
            MemorySegment s = pool.allocate(n, 64);
            assertEquals(n, s.byteSize());
            assertEquals(0, s.address() % 64);
            assertZeroThenWritable(s);
            given.add(s);
        }
        for (int i = 0; i < given.size(); i++) {
            for (int j = 0; j < i; j++) {
                MemorySegment a = given.get(i), b = given.get(j);
                assertTrue(a.address() + a.byteSize() <= b.address() || b.address() + b.byteSize() <= a.address(), "slices " + j + " and " + i + " overlap");
            }
        }
        assertEquals(9, given.get(1).get(ValueLayout.JAVA_BYTE, (3L << 20) - 1), "a later slice wrote into an earlier one");
        arena.close();
        assertThrows(IllegalStateException.class, () -> given.get(2).get(ValueLayout.JAVA_BYTE, 0));
    }

    private static void assertZeroThenWritable(MemorySegment s) {
        long n = s.byteSize();
        for (long o = 0; o < n; o++) {
            if (s.get(ValueLayout.JAVA_BYTE, o) != 0) throw new AssertionError("byte " + o + " of " + n + " is not zero");
        }
        s.set(ValueLayout.JAVA_BYTE, 0, (byte) 7);
        s.set(ValueLayout.JAVA_BYTE, n - 1, (byte) 9);
        assertEquals(7, s.get(ValueLayout.JAVA_BYTE, 0));
        assertEquals(9, s.get(ValueLayout.JAVA_BYTE, n - 1));
    }
}
