package nextword.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 × 16 block transposed in registers, for packing bᵀ (512-bit vectors only).
 *
 * <p>Row r, lane j of the block is element (r, j); transposing swaps the four bits of r with the four bits
 * of j. Each of the four stages swaps one bit: registers x and y whose row indexes differ in bit b trade the
 * lanes whose index differs in bit b, two two-table permutes ({@code selectFrom}) per pair. 64 permutes move
 * 256 floats, about a quarter of the cycles of moving them one by one.
 */
final class Transpose16 {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

    /** Whether this machine's preferred vectors are 512-bit, the only width this class handles. */
    static final boolean USABLE = FloatVector.SPECIES_PREFERRED.length() == 16;

    // For stage bit b (distance d = 2^b): x' takes x where lane bit b is 0, else y's lane with bit b cleared;
    // y' takes x's lane with bit b set where lane bit b is 0, else y.
    private static final FloatVector LO1 = indexes(1, true), HI1 = indexes(1, false);
    private static final FloatVector LO2 = indexes(2, true), HI2 = indexes(2, false);
    private static final FloatVector LO4 = indexes(4, true), HI4 = indexes(4, false);
    private static final FloatVector LO8 = indexes(8, true), HI8 = indexes(8, false);

    private Transpose16() {}

    private static FloatVector indexes(int d, boolean low) {
        float[] idx = new float[16];
        for (int j = 0; j < 16; j++) {
            boolean bitSet = (j & d) != 0;
            idx[j] = low ? (bitSet ? 16 + (j ^ d) : j) : (bitSet ? 16 + j : j ^ d);
        }
        return FloatVector.fromArray(F, idx, 0);
    }

    /** dst[dso + j·dstStride + r] = src[so + r·srcStride + j] for r, j in [0, 16). */
    static void block(float[] src, int so, int srcStride, float[] dst, int dso, int dstStride) {
        FloatVector r0 = FloatVector.fromArray(F, src, so);
        FloatVector r1 = FloatVector.fromArray(F, src, so + 1 * srcStride);
        FloatVector r2 = FloatVector.fromArray(F, src, so + 2 * srcStride);
        FloatVector r3 = FloatVector.fromArray(F, src, so + 3 * srcStride);
        FloatVector r4 = FloatVector.fromArray(F, src, so + 4 * srcStride);
        FloatVector r5 = FloatVector.fromArray(F, src, so + 5 * srcStride);
        FloatVector r6 = FloatVector.fromArray(F, src, so + 6 * srcStride);
        FloatVector r7 = FloatVector.fromArray(F, src, so + 7 * srcStride);
        FloatVector r8 = FloatVector.fromArray(F, src, so + 8 * srcStride);
        FloatVector r9 = FloatVector.fromArray(F, src, so + 9 * srcStride);
        FloatVector r10 = FloatVector.fromArray(F, src, so + 10 * srcStride);
        FloatVector r11 = FloatVector.fromArray(F, src, so + 11 * srcStride);
        FloatVector r12 = FloatVector.fromArray(F, src, so + 12 * srcStride);
        FloatVector r13 = FloatVector.fromArray(F, src, so + 13 * srcStride);
        FloatVector r14 = FloatVector.fromArray(F, src, so + 14 * srcStride);
        FloatVector r15 = FloatVector.fromArray(F, src, so + 15 * srcStride);
        // swap bit 3
        FloatVector a0 = LO8.selectFrom(r0, r8), a8 = HI8.selectFrom(r0, r8);
        FloatVector a1 = LO8.selectFrom(r1, r9), a9 = HI8.selectFrom(r1, r9);
        FloatVector a2 = LO8.selectFrom(r2, r10), a10 = HI8.selectFrom(r2, r10);
        FloatVector a3 = LO8.selectFrom(r3, r11), a11 = HI8.selectFrom(r3, r11);
        FloatVector a4 = LO8.selectFrom(r4, r12), a12 = HI8.selectFrom(r4, r12);
        FloatVector a5 = LO8.selectFrom(r5, r13), a13 = HI8.selectFrom(r5, r13);
        FloatVector a6 = LO8.selectFrom(r6, r14), a14 = HI8.selectFrom(r6, r14);
        FloatVector a7 = LO8.selectFrom(r7, r15), a15 = HI8.selectFrom(r7, r15);
        // swap bit 2
        FloatVector b0 = LO4.selectFrom(a0, a4), b4 = HI4.selectFrom(a0, a4);
        FloatVector b1 = LO4.selectFrom(a1, a5), b5 = HI4.selectFrom(a1, a5);
        FloatVector b2 = LO4.selectFrom(a2, a6), b6 = HI4.selectFrom(a2, a6);
        FloatVector b3 = LO4.selectFrom(a3, a7), b7 = HI4.selectFrom(a3, a7);
        FloatVector b8 = LO4.selectFrom(a8, a12), b12 = HI4.selectFrom(a8, a12);
        FloatVector b9 = LO4.selectFrom(a9, a13), b13 = HI4.selectFrom(a9, a13);
        FloatVector b10 = LO4.selectFrom(a10, a14), b14 = HI4.selectFrom(a10, a14);
        FloatVector b11 = LO4.selectFrom(a11, a15), b15 = HI4.selectFrom(a11, a15);
        // swap bit 1
        FloatVector c0 = LO2.selectFrom(b0, b2), c2 = HI2.selectFrom(b0, b2);
        FloatVector c1 = LO2.selectFrom(b1, b3), c3 = HI2.selectFrom(b1, b3);
        FloatVector c4 = LO2.selectFrom(b4, b6), c6 = HI2.selectFrom(b4, b6);
        FloatVector c5 = LO2.selectFrom(b5, b7), c7 = HI2.selectFrom(b5, b7);
        FloatVector c8 = LO2.selectFrom(b8, b10), c10 = HI2.selectFrom(b8, b10);
        FloatVector c9 = LO2.selectFrom(b9, b11), c11 = HI2.selectFrom(b9, b11);
        FloatVector c12 = LO2.selectFrom(b12, b14), c14 = HI2.selectFrom(b12, b14);
        FloatVector c13 = LO2.selectFrom(b13, b15), c15 = HI2.selectFrom(b13, b15);
        // swap bit 0
        FloatVector d0 = LO1.selectFrom(c0, c1), d1 = HI1.selectFrom(c0, c1);
        FloatVector d2 = LO1.selectFrom(c2, c3), d3 = HI1.selectFrom(c2, c3);
        FloatVector d4 = LO1.selectFrom(c4, c5), d5 = HI1.selectFrom(c4, c5);
        FloatVector d6 = LO1.selectFrom(c6, c7), d7 = HI1.selectFrom(c6, c7);
        FloatVector d8 = LO1.selectFrom(c8, c9), d9 = HI1.selectFrom(c8, c9);
        FloatVector d10 = LO1.selectFrom(c10, c11), d11 = HI1.selectFrom(c10, c11);
        FloatVector d12 = LO1.selectFrom(c12, c13), d13 = HI1.selectFrom(c12, c13);
        FloatVector d14 = LO1.selectFrom(c14, c15), d15 = HI1.selectFrom(c14, c15);
        d0.intoArray(dst, dso);
        d1.intoArray(dst, dso + 1 * dstStride);
        d2.intoArray(dst, dso + 2 * dstStride);
        d3.intoArray(dst, dso + 3 * dstStride);
        d4.intoArray(dst, dso + 4 * dstStride);
        d5.intoArray(dst, dso + 5 * dstStride);
        d6.intoArray(dst, dso + 6 * dstStride);
        d7.intoArray(dst, dso + 7 * dstStride);
        d8.intoArray(dst, dso + 8 * dstStride);
        d9.intoArray(dst, dso + 9 * dstStride);
        d10.intoArray(dst, dso + 10 * dstStride);
        d11.intoArray(dst, dso + 11 * dstStride);
        d12.intoArray(dst, dso + 12 * dstStride);
        d13.intoArray(dst, dso + 13 * dstStride);
        d14.intoArray(dst, dso + 14 * dstStride);
        d15.intoArray(dst, dso + 15 * dstStride);
    }
}
