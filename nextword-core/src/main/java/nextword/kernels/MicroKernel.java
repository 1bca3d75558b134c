package nextword.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The innermost loop of matrix multiplication: an {@value #MR} × {@link #NR} tile of c held in 24 vector
 * registers while k runs, fed from packed panels so that every load is sequential.
 *
 * <p>A panel of a holds {@value #MR} rows interleaved p-major ({@code pa[p·MR + r]}); a panel of b holds
 * {@link #NR} columns p-major ({@code pb[p·NR + j]}), off the heap and 64-byte aligned, so that no load of b
 * straddles two cache lines (a Java array's elements start 16 bytes into an object whose own alignment is only
 * 8 bytes: measured alone, the tile ran 15–20% faster on an aligned panel than on a heap array's typical
 * one). Each step broadcasts 8 values of a, loads 3 vectors of b and issues 24 FMAs. C2 issues all 8
 * broadcasts first, so 4 of the 24 accumulators live on the stack; a 7-row tile that fits the 32 registers
 * still ran slower. The accumulators are named locals, not an array, because C2 keeps only scalar-replaced
 * vectors in registers.
 */
final class MicroKernel {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    /** Rows of c per tile: 8 broadcasts × 3 vectors = 24 accumulators, leaving 8 of 32 registers for operands. */
    static final int MR = 8;
    /** Columns of c per tile. */
    static final int NR = 3 * L;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** One p of an a-panel: {@value #MR} floats, copied as one vector where the hardware has 256-bit ones. */
    private static final VectorSpecies<Float> A_COLUMN = FloatVector.SPECIES_256;
    private static final boolean A_COLUMN_USABLE = F.vectorBitSize() >= A_COLUMN.vectorBitSize();

    private MicroKernel() {}

    /**
     * c[ci + r·ldc + j] (+)= Σ_{p<kc} pa[pao + p·MR + r] · pb[pbo + p·NR + j] for the whole tile; with
     * {@code overwrite} the old c is ignored.
     */
    static void tile(float[] pa, int pao, MemorySegment pb, long pbo, int kc, float[] c, int ci, int ldc, boolean overwrite) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (overwrite) {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = FloatVector.zero(F);
            c40 = c41 = c42 = c50 = c51 = c52 = c60 = c61 = c62 = c70 = c71 = c72 = c00;
        } else {
            int o = ci;
            c00 = load(c, o); c01 = load(c, o + L); c02 = load(c, o + 2 * L); o += ldc;
            c10 = load(c, o); c11 = load(c, o + L); c12 = load(c, o + 2 * L); o += ldc;
            c20 = load(c, o); c21 = load(c, o + L); c22 = load(c, o + 2 * L); o += ldc;
            c30 = load(c, o); c31 = load(c, o + L); c32 = load(c, o + 2 * L); o += ldc;
            c40 = load(c, o); c41 = load(c, o + L); c42 = load(c, o + 2 * L); o += ldc;
            c50 = load(c, o); c51 = load(c, o + L); c52 = load(c, o + 2 * L); o += ldc;
            c60 = load(c, o); c61 = load(c, o + L); c62 = load(c, o + 2 * L); o += ldc;
            c70 = load(c, o); c71 = load(c, o + L); c72 = load(c, o + 2 * L);
        }
        for (int p = 0; p < kc; p++) {
            int q = pao + p * MR;
            long bo = pbo + 4L * p * NR;
            FloatVector b0 = FloatVector.fromMemorySegment(F, pb, bo, NATIVE);
            FloatVector b1 = FloatVector.fromMemorySegment(F, pb, bo + 4L * L, NATIVE);
            FloatVector b2 = FloatVector.fromMemorySegment(F, pb, bo + 8L * L, NATIVE);
            FloatVector x;
            x = FloatVector.broadcast(F, pa[q]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(F, pa[q + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(F, pa[q + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(F, pa[q + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32);
            x = FloatVector.broadcast(F, pa[q + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41); c42 = b2.fma(x, c42);
            x = FloatVector.broadcast(F, pa[q + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51); c52 = b2.fma(x, c52);
            x = FloatVector.broadcast(F, pa[q + 6]);
            c60 = b0.fma(x, c60); c61 = b1.fma(x, c61); c62 = b2.fma(x, c62);
            x = FloatVector.broadcast(F, pa[q + 7]);
            c70 = b0.fma(x, c70); c71 = b1.fma(x, c71); c72 = b2.fma(x, c72);
        }
        // Stores written out rather than through a helper: a helper taking vectors would push the method
        // past C2's inlining node budget, and un-inlined vector arguments get boxed on the heap.
        int o = ci;
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); o += ldc;
        c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); o += ldc;
        c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); o += ldc;
        c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); o += ldc;
        c40.intoArray(c, o); c41.intoArray(c, o + L); c42.intoArray(c, o + 2 * L); o += ldc;
        c50.intoArray(c, o); c51.intoArray(c, o + L); c52.intoArray(c, o + 2 * L); o += ldc;
        c60.intoArray(c, o); c61.intoArray(c, o + L); c62.intoArray(c, o + 2 * L); o += ldc;
        c70.intoArray(c, o); c71.intoArray(c, o + L); c72.intoArray(c, o + 2 * L);
    }

    private static FloatVector load(float[] x, int o) {
        return FloatVector.fromArray(F, x, o);
    }

    // ---- packing: copy a block of an operand into the panel layout tile() reads, zero-padding the edges ----

    /**
     * Packs rows [i0, i0+mr) × k-range [p0, p0+kc) of a into one a-panel at pao. Element (i, p) of a lives at
     * ao + i·lda + p, or at ao + p·lda + i when {@code transposed} (a stored as (k, m)).
     */
    static void packA(float[] a, int ao, int lda, boolean transposed, int i0, int mr, int p0, int kc, float[] pa, int pao) {
        if (!transposed && mr == MR && A_COLUMN_USABLE) {
            // one p of the panel is a column of a, MR floats lda apart: one gather each, 2.5-3x faster than
            // copying float by float (measured alone on 256 rows of 768 to 50,000 columns)
            int[] rows = ROW_OFFSETS.get();
            if (rows[1] != lda) for (int r = 0; r < MR; r++) rows[r] = r * lda;
            int src = ao + i0 * lda + p0;
            for (int p = 0; p < kc; p++) FloatVector.fromArray(A_COLUMN, a, src + p, rows, 0).intoArray(pa, pao + p * MR);
        } else if (!transposed) {
            // rows are contiguous in p: read each row sequentially, write it interleaved
            for (int r = 0; r < MR; r++) {
                int src = ao + (i0 + r) * lda + p0;
                for (int p = 0; p < kc; p++) pa[pao + p * MR + r] = r < mr ? a[src + p] : 0f;
            }
        } else {
            // the MR values of one p are already contiguous: one vector of MR lanes each
            for (int p = 0; p < kc; p++) {
                int src = ao + (p0 + p) * lda + i0;
                int dst = pao + p * MR;
                if (mr == MR && A_COLUMN_USABLE) {
                    FloatVector.fromArray(A_COLUMN, a, src).intoArray(pa, dst);
                } else {
                    for (int r = 0; r < MR; r++) pa[dst + r] = r < mr ? a[src + r] : 0f;
                }
            }
        }
    }

    /**
     * Packs columns [j0, j0+nr) × k-range [p0, p0+kc) of b into one b-panel at byte pbo of pb. Element (p, j) of
     * b lives at bo + p·ldb + j, or at bo + j·ldb + p when {@code transposed} (b stored as (n, k)).
     */
    static void packB(float[] b, int bo, int ldb, boolean transposed, int j0, int nr, int p0, int kc, MemorySegment pb, long pbo) {
        if (!transposed) {
            for (int p = 0; p < kc; p++) {
                int src = bo + (p0 + p) * ldb + j0;
                long dst = pbo + 4L * p * NR;
                if (nr == NR) {
                    load(b, src).intoMemorySegment(pb, dst, NATIVE);
                    load(b, src + L).intoMemorySegment(pb, dst + 4L * L, NATIVE);
                    load(b, src + 2 * L).intoMemorySegment(pb, dst + 8L * L, NATIVE);
                } else {
                    MemorySegment.copy(b, src, pb, ValueLayout.JAVA_FLOAT, dst, nr);
                    pb.asSlice(dst + 4L * nr, 4L * (NR - nr)).fill((byte) 0);
                }
            }
        } else {
            int p = 0;
            if (Transpose16.USABLE && nr == NR) {
                // 16 values of p at a time: transposed in registers into rows of NR, then copied into the panel
                float[] rows = TRANSPOSED.get();
                for (; p + 16 <= kc; p += 16) {
                    for (int j = 0; j < NR; j += 16) Transpose16.block(b, bo + (j0 + j) * ldb + p0 + p, ldb, rows, j, NR);
                    long dst = pbo + 4L * p * NR;
                    for (int i = 0; i < 16 * NR; i += L) load(rows, i).intoMemorySegment(pb, dst + 4L * i, NATIVE);
                }
            }
            // each column of bᵀ is a contiguous row of b: read it sequentially, write it strided
            for (int j = 0; j < NR; j++) {
                int src = bo + (j0 + j) * ldb + p0;
                for (int q = p; q < kc; q++) pb.set(ValueLayout.JAVA_FLOAT, pbo + 4L * (q * NR + j), j < nr ? b[src + q] : 0f);
            }
        }
    }

    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[16 * NR]);
    /** Each thread's gather offsets for packA: row r of a panel at r·lda. */
    private static final ThreadLocal<int[]> ROW_OFFSETS = ThreadLocal.withInitial(() -> new int[MR]);
}
