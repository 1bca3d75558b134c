package nextword.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Zeroed off-heap memory on 2 MiB pages where Linux grants them, for weights that decoding streams every token.
 *
 * <p>On 4 KiB pages a pass over 500 MB of weights crosses 120,000 pages, and each crossing can cost a page walk
 * that a sequential stream does not hide: a C loop here read 495 MB at 22.7 GB/s on small pages and 26.7 GB/s
 * on huge ones (two threads, one stream each). Linux gives huge pages to anonymous memory only when asked
 * ({@code madvise(MADV_HUGEPAGE)}, before the pages are first touched), which {@code Arena.allocate} cannot do
 * because it zeroes the memory first; so large blocks are mapped here directly, and a model's many smaller
 * matrices share such blocks through {@link #pool}. Anywhere that fails (another OS, native access denied), the
 * arena's ordinary memory is used instead: only the speed differs.
 */
public final class HugePages {

    private static final long HUGE = 2L << 20;
    /** Smaller blocks are not worth a mapping of their own. */
    private static final long MIN_BYTES = 2 * HUGE;
    /** The blocks a {@link #pool} slices: GPT-2's 2.4 MB attention projections, a dozen to a block. */
    private static final long POOL_BLOCK = 16 * HUGE;
    private static final int PROT_READ_WRITE = 0x3, MAP_PRIVATE_ANONYMOUS = 0x22, MADV_HUGEPAGE = 14;

    private static final MethodHandle MMAP, MADVISE, MUNMAP;

    static {
        MethodHandle mmap = null, madvise = null, munmap = null;
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            } catch (RuntimeException | LinkageError e) {
                mmap = null; // native access unavailable: ordinary memory
            }
        }
        MMAP = mmap;
        MADVISE = madvise;
        MUNMAP = munmap;
    }

    private HugePages() {}

    /**
     * {@code bytes} of zeroed memory, 64-byte aligned (2 MiB for large blocks), freed when {@code arena} closes.
     */
    public static MemorySegment allocate(Arena arena, long bytes) {
        if (MMAP == null || bytes < MIN_BYTES) return arena.allocate(bytes, 64);
        long pages = (bytes + HUGE - 1) & -HUGE; // the last part page too: the kernel backs whole aligned 2 MiB only
        long length = pages + HUGE; // room to start on a 2 MiB boundary
        MemorySegment mapping;
        try {
            mapping = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
        } catch (Throwable e) {
            return arena.allocate(bytes, 64);
        }
        long start = mapping.address();
        if (start == -1L) return arena.allocate(bytes, 64); // MAP_FAILED
        long aligned = (start + HUGE - 1) & -HUGE;
        try {
            int ignored = (int) MADVISE.invokeExact(MemorySegment.ofAddress(aligned), pages, MADV_HUGEPAGE); // a refusal leaves small pages
        } catch (Throwable e) {
            // small pages, then
        }
        return MemorySegment.ofAddress(aligned).reinterpret(bytes, arena, s -> unmap(start, length));
    }

    /**
     * An allocator for many blocks that are each too small for a mapping of their own but together large (a
     * model's matrices): it slices zeroed huge-page blocks of {@value #POOL_BLOCK} bytes, one after the other,
     * and gives blocks at least that large a mapping of their own. Everything is freed when {@code arena}
     * closes. Slices are never reused, so each is zero when handed out. Thread-safe.
     */
    public static SegmentAllocator pool(Arena arena) {
        if (MMAP == null) return arena;
        return new SegmentAllocator() {
            private MemorySegment block = MemorySegment.NULL;
            private long used;

            @Override
            public synchronized MemorySegment allocate(long bytes, long alignment) {
                if (alignment > HUGE) throw new IllegalArgumentException("alignment " + alignment + " above a huge page");
                if (bytes >= POOL_BLOCK) return HugePages.allocate(arena, bytes);
                long start = (used + alignment - 1) & -alignment;
                if (start + bytes > block.byteSize()) { // the rest of this block stays untouched, so it costs no memory
                    block = HugePages.allocate(arena, POOL_BLOCK);
                    start = 0;
                }
                used = start + bytes;
                return block.asSlice(start, bytes);
            }
        };
    }

    private static void unmap(long start, long length) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(start), length);
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed", e);
        }
    }
}
