package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InferenceKernels} on the Vector API. Float32 panels are {@link MicroKernel#NR} wide, so that the
 * blocked matrix product reads them as its packed operand.
 *
 * <p>The 8-bit product multiplies integers: weight bytes widen to 16-bit lanes and multiply 16-bit
 * activations (|activation| ≤ 127, so a product fits in 16 bits); adjacent products are added pairwise into
 * 32-bit lanes by a shift and an add (x86's pmaddwd does this in one instruction, which the Vector API does not
 * expose), so each lane holds an exact integer sum. Only then does a block become float: one conversion and
 * one FMA with the scales per block of 32 inputs, instead of a conversion per weight (llama3.java's route).
 * The panel layout puts one output in each lane, so a block's sums need no horizontal reduction at all.
 */
final class PanamaInferenceKernels implements InferenceKernels {

    private static final int NR = MicroKernel.NR;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(S.length() * 8));
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int SL = S.length();
    /** Rows of a below which a product is done as separate matrix-vector products. */
    private static final int GEMM_ROWS = 4;
    /**
     * Activation rows below which 8-bit products stay integer dot products: dequantizing the weights into
     * panels (a transposition, ~1 ns a weight) only pays off once it is shared by this many rows.
     */
    private static final int Q8_GEMM_ROWS = 32;

    PanamaInferenceKernels() {
        if (64 % (2 * SL) != 0 || I.length() != F.length() || 2 * L != SL || KEY_BLOCK % (4 * L) != 0) {
            throw new IllegalStateException("unsupported vector shape: " + S + ", " + I);
        }
    }

    @Override
    public String name() {
        return "panama(" + F.vectorBitSize() + "-bit)";
    }

    @Override
    public int panelWidth() {
        return NR;
    }

    // ---- float32 panels ----

    @Override
    public void panelMatVec(MemorySegment w, int k, int n, float[] x, int xo, float[] y, int yo, int panel0, int panel1) {
        Objects.checkFromToIndex(panel0, panel1, (n + NR - 1) / NR);
        Objects.checkFromIndexSize(xo, k, x.length);
        Objects.checkFromIndexSize(yo, n, y.length);
        for (int q = panel0; q < panel1; q += 2) {
            // Two adjacent panels side by side: six FMA chains instead of three, and each broadcast of x serves
            // both. GPT-2's matrices in decode order streamed 1-5% faster than one panel at eight p a pass (three
            // probes of 40-50 alternating rounds, medians 21.1 -> 22.2, 21.5 -> 22.3, 22.2 -> 22.5 GB/s); three
            // panels at two p a pass were slower (21.4). A lone last panel is paired with itself: the second
            // stream reads the lines the first just fetched.
            boolean two = q + 1 < panel1;
            long base = 4L * q * k * NR, next = two ? 4L * k * NR : 0, end = base + 4L * (k - k % 4) * NR;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, b0 = a0, b1 = a0, b2 = a0;
            int p = xo;
            // Four p a pass from each panel, all 24 loads before the first FMA, the pass counted by the byte
            // offset: loads next to their FMAs streamed at 78-83% of MemoryBandwidth's reading loop, loads first at
            // 89-91%. Each output is still one FMA chain in p order, the scalar spec's.
            for (long o = base; o < end; o += 4L * 4 * NR, p += 4) {
                long u = o + next;
                FloatVector w00 = load(w, o), w01 = load(w, o + 4L * L), w02 = load(w, o + 8L * L);
                FloatVector w10 = load(w, o + 12L * L), w11 = load(w, o + 16L * L), w12 = load(w, o + 20L * L);
                FloatVector w20 = load(w, o + 24L * L), w21 = load(w, o + 28L * L), w22 = load(w, o + 32L * L);
                FloatVector w30 = load(w, o + 36L * L), w31 = load(w, o + 40L * L), w32 = load(w, o + 44L * L);
                FloatVector v00 = load(w, u), v01 = load(w, u + 4L * L), v02 = load(w, u + 8L * L);
                FloatVector v10 = load(w, u + 12L * L), v11 = load(w, u + 16L * L), v12 = load(w, u + 20L * L);
                FloatVector v20 = load(w, u + 24L * L), v21 = load(w, u + 28L * L), v22 = load(w, u + 32L * L);
                FloatVector v30 = load(w, u + 36L * L), v31 = load(w, u + 40L * L), v32 = load(w, u + 44L * L);
                FloatVector x0 = FloatVector.broadcast(F, x[p]);
                a0 = w00.fma(x0, a0); a1 = w01.fma(x0, a1); a2 = w02.fma(x0, a2);
                b0 = v00.fma(x0, b0); b1 = v01.fma(x0, b1); b2 = v02.fma(x0, b2);
                FloatVector x1 = FloatVector.broadcast(F, x[p + 1]);
                a0 = w10.fma(x1, a0); a1 = w11.fma(x1, a1); a2 = w12.fma(x1, a2);
                b0 = v10.fma(x1, b0); b1 = v11.fma(x1, b1); b2 = v12.fma(x1, b2);
                FloatVector x2 = FloatVector.broadcast(F, x[p + 2]);
                a0 = w20.fma(x2, a0); a1 = w21.fma(x2, a1); a2 = w22.fma(x2, a2);
                b0 = v20.fma(x2, b0); b1 = v21.fma(x2, b1); b2 = v22.fma(x2, b2);
                FloatVector x3 = FloatVector.broadcast(F, x[p + 3]);
                a0 = w30.fma(x3, a0); a1 = w31.fma(x3, a1); a2 = w32.fma(x3, a2);
                b0 = v30.fma(x3, b0); b1 = v31.fma(x3, b1); b2 = v32.fma(x3, b2);
            }
            for (long o = end; p < xo + k; o += 4L * NR, p++) {
                FloatVector xp = FloatVector.broadcast(F, x[p]);
                a0 = load(w, o).fma(xp, a0); a1 = load(w, o + 4L * L).fma(xp, a1); a2 = load(w, o + 8L * L).fma(xp, a2);
                long u = o + next;
                b0 = load(w, u).fma(xp, b0); b1 = load(w, u + 4L * L).fma(xp, b1); b2 = load(w, u + 8L * L).fma(xp, b2);
            }
            // masked stores, for a last panel past n; the sums stay in this method, where C2 keeps them in registers
            int j = yo + q * NR, live = n - q * NR;
            a0.intoArray(y, j, F.indexInRange(0, live));
            a1.intoArray(y, j + L, F.indexInRange(L, live));
            a2.intoArray(y, j + 2 * L, F.indexInRange(2 * L, live));
            if (two) {
                b0.intoArray(y, j + NR, F.indexInRange(NR, live));
                b1.intoArray(y, j + NR + L, F.indexInRange(NR + L, live));
                b2.intoArray(y, j + NR + 2 * L, F.indexInRange(NR + 2 * L, live));
            }
        }
    }

    private static FloatVector load(MemorySegment w, long offset) {
        return FloatVector.fromMemorySegment(F, w, offset, NATIVE);
    }

    @Override
    public void panelMatMul(float[] x, int m, MemorySegment w, int k, int n, float[] y) {
        Objects.checkFromIndexSize(0, Math.multiplyExact(m, k), x.length);
        Objects.checkFromIndexSize(0, Math.multiplyExact(m, n), y.length);
        if (w.byteSize() < 4L * k * NR * ((n + NR - 1) / NR)) throw new IllegalArgumentException("panels too small for " + k + "×" + n);
        if (m == 0 || n == 0) return;
        if (m < GEMM_ROWS || k == 0) {
            for (int i = 0; i < m; i++) {
                int row = i;
                Parallel.range((n + NR - 1) / NR, 4, (lo, hi) -> panelMatVec(w, k, n, x, row * k, y, row * n, lo, hi));
            }
            return;
        }
        // The panels are already in the layout the micro-kernel reads: packing is one contiguous copy.
        MatMul.multiply(x, 0, false, (j0, nr, p0, kc, pb, pbo) ->
                MemorySegment.copy(w, 4L * ((long) (j0 / NR) * k + p0) * NR, pb, pbo, 4L * kc * NR),
                y, 0, m, k, n, false);
    }

    // ---- 8-bit panels ----

    @Override
    public void q8MatVec(MemorySegment q, MemorySegment scales, int k, int n, int[] xpairs, int xpo, float[] xs, int xso,
                         float[] y, int yo, int panel0, int panel1) {
        Q8.checkBlocks(k);
        Objects.checkFromToIndex(panel0, panel1, Q8.panels(n));
        Objects.checkFromIndexSize(xpo, k / 2, xpairs.length);
        Objects.checkFromIndexSize(yo, n, y.length);
        for (int panel = panel0; panel < panel1; panel += 2) {
            q8Panels(q, scales, k, n, panel, panel + 1 < panel1, xpairs, xpo, xs, xso, y, yo);
        }
    }

    @Override
    public void q8MatMul(short[] xq, int[] xpairs, float[] xs, int m, MemorySegment q, MemorySegment scales, int k, int n, float[] y) {
        Q8.checkBlocks(k);
        Objects.checkFromIndexSize(0, Math.multiplyExact(m, k), xq.length);
        Objects.checkFromIndexSize(0, Math.multiplyExact(m, k / 2), xpairs.length);
        Objects.checkFromIndexSize(0, Math.multiplyExact(m, n), y.length);
        int blocks = k / Q8.BLOCK;
        if (m < Q8_GEMM_ROWS) {
            // each pair of panels meets every activation row while it sits in L1 or L2
            int panels = Q8.panels(n);
            Parallel.range((panels + 1) / 2, 1, (lo, hi) -> {
                for (int g = lo; g < hi; g++) {
                    for (int i = 0; i < m; i++) {
                        q8Panels(q, scales, k, n, 2 * g, 2 * g + 1 < panels, xpairs, i * k / 2, xs, i * blocks, y, i * n);
                    }
                }
            });
            return;
        }
        // Many rows: the blocked float product over both operands dequantized (q·d, exactly the numbers the
        // integer route multiplies), which runs several times faster than integer dot products row by row.
        float[] x = new float[m * k];
        for (int i = 0; i < m * k; i++) x[i] = xq[i] * xs[i / Q8.BLOCK];
        MatMul.multiply(x, 0, false, (j0, nr, p0, kc, pb, pbo) -> {
            for (int j = 0; j < NR; j++) {
                if (j >= nr) {
                    for (int p = 0; p < kc; p++) pb.set(ValueLayout.JAVA_FLOAT, pbo + 4L * (p * NR + j), 0f);
                    continue;
                }
                long line = Q8.offset(k, p0, j0 + j) - p0 % 2; // output j's byte in the line of inputs p0, p0 + 1
                long scale = Q8.scaleOffset(k, p0 / Q8.BLOCK, j0 + j);
                for (int p = 0; p < kc; p += 2, line += 64) {
                    if (p % Q8.BLOCK == 0 && p > 0) scale += 4L * Q8.PANEL;
                    float d = scales.get(Q8.SCALE, scale);
                    pb.set(ValueLayout.JAVA_FLOAT, pbo + 4L * (p * NR + j), q.get(ValueLayout.JAVA_BYTE, line) * d);
                    pb.set(ValueLayout.JAVA_FLOAT, pbo + 4L * ((p + 1) * NR + j), q.get(ValueLayout.JAVA_BYTE, line + 1) * d);
                }
            }
        }, y, 0, m, k, n, false);
    }

    /**
     * One panel, or two adjacent ones side by side ({@code two}): per block, each 64-byte line (two inputs × 32
     * outputs) is two vectors of 16-bit weights times the broadcast pair of activations; each adjacent pair of
     * 16-bit products (one output, two inputs) is added into a 32-bit lane, as int, as hi·2¹⁶ + lo with lo's
     * sign borrowing from hi, so that (pair + (pair << 16)) >> 16 = hi + lo exactly. After 16 lines the lanes
     * hold the block's exact integer dot products, one output each, and become float with one FMA by the
     * block's scales.
     *
     * <p>Two panels, because the integer work per byte leaves a single memory stream per core starved: one
     * panel at a time read 7.5–8.1 GB/s on one core, two side by side 9.4–9.7. A lone panel (the last of an odd
     * range) is read twice over instead, its second copy discarded. Everything is written out, because a
     * helper taking or returning vectors that C2 declines to inline boxes them on the heap
     * (DecodeAllocationTest).
     */
    private static void q8Panels(MemorySegment q, MemorySegment scales, int k, int n, int panel, boolean two, int[] xpairs,
                                 int xpo, float[] xs, int xso, float[] y, int yo) {
        int blocks = k / Q8.BLOCK;
        long base = panel * Q8.panelBytes(k), next = two ? Q8.panelBytes(k) : 0;
        long sbase = panel * Q8.panelScaleBytes(k), snext = two ? Q8.panelScaleBytes(k) : 0;
        for (int c = 0; c < 64; c += 2 * SL) { // one pass with 512-bit vectors; two with 256-bit
            FloatVector f0 = FloatVector.zero(F), f1 = f0, g0 = f0, g1 = f0;
            for (int b = 0; b < blocks; b++) {
                IntVector a0 = IntVector.zero(I), a1 = a0, e0 = a0, e1 = a0;
                long o = base + (long) b * (Q8.BLOCK / 2) * 64 + c;
                int t = xpo + b * (Q8.BLOCK / 2);
                for (int end = t + Q8.BLOCK / 2; t < end; t++, o += 64) {
                    ShortVector x = IntVector.broadcast(I, xpairs[t]).reinterpretAsShorts();
                    IntVector p0 = ((ShortVector) ByteVector.fromMemorySegment(B, q, o, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2S, S, 0)).mul(x).reinterpretAsInts();
                    IntVector p1 = ((ShortVector) ByteVector.fromMemorySegment(B, q, o + SL, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2S, S, 0)).mul(x).reinterpretAsInts();
                    IntVector r0 = ((ShortVector) ByteVector.fromMemorySegment(B, q, o + next, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2S, S, 0)).mul(x).reinterpretAsInts();
                    IntVector r1 = ((ShortVector) ByteVector.fromMemorySegment(B, q, o + next + SL, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2S, S, 0)).mul(x).reinterpretAsInts();
                    a0 = a0.add(p0.add(p0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16));
                    a1 = a1.add(p1.add(p1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16));
                    e0 = e0.add(r0.add(r0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16));
                    e1 = e1.add(r1.add(r1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16));
                }
                FloatVector xsb = FloatVector.broadcast(F, xs[xso + b]);
                long so = sbase + 4L * (b * Q8.PANEL + c / 2);
                f0 = ((FloatVector) a0.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.fromMemorySegment(F, scales, so, ByteOrder.LITTLE_ENDIAN).mul(xsb), f0);
                f1 = ((FloatVector) a1.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.fromMemorySegment(F, scales, so + 2L * SL, ByteOrder.LITTLE_ENDIAN).mul(xsb), f1);
                g0 = ((FloatVector) e0.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.fromMemorySegment(F, scales, so + snext, ByteOrder.LITTLE_ENDIAN).mul(xsb), g0);
                g1 = ((FloatVector) e1.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.fromMemorySegment(F, scales, so + snext + 2L * SL, ByteOrder.LITTLE_ENDIAN).mul(xsb), g1);
            }
            int j = panel * Q8.PANEL + c / 2;
            f0.intoArray(y, yo + j, F.indexInRange(j, n));
            f1.intoArray(y, yo + j + L, F.indexInRange(j + L, n));
            if (two) {
                g0.intoArray(y, yo + j + Q8.PANEL, F.indexInRange(j + Q8.PANEL, n));
                g1.intoArray(y, yo + j + Q8.PANEL + L, F.indexInRange(j + Q8.PANEL + L, n));
            }
        }
    }

    @Override
    public void addBias(float[] y, int rows, float[] bias, int n) {
        Objects.checkFromIndexSize(0, Math.multiplyExact(rows, n), y.length);
        Objects.checkFromIndexSize(0, n, bias.length);
        int grain = Math.max(1, (1 << 16) / Math.max(1, n));
        // a prompt's rows (512 × 3072 numbers a product) over the threads; a token's row here, allocating nothing
        if (rows <= grain) addBias(y, bias, n, 0, rows);
        else Parallel.range(rows, grain, (lo, hi) -> addBias(y, bias, n, lo, hi));
    }

    private static void addBias(float[] y, float[] bias, int n, int row0, int row1) {
        for (int r = row0; r < row1; r++) {
            int o = r * n, i = 0;
            for (; i + L <= n; i += L) FloatVector.fromArray(F, y, o + i).add(FloatVector.fromArray(F, bias, i)).intoArray(y, o + i);
            for (; i < n; i++) y[o + i] += bias[i];
        }
    }

    @Override
    public void gelu(float[] x, int xo, int n) {
        // the vector formula even for one position's 4C numbers, where KernelOps would take the scalar spec
        // (Math.tanh: ~70 µs for GPT-2's 3072, serial, per layer and token)
        Elementwise.gelu(x, xo, x, xo, n);
    }

    // ---- attention over a cache ----

    @Override
    public void attend(float[] q, int qo, float[] kT, int ko, float[] v, int vo, int len, int hs, float scale,
                       float[] scores, int so, float[] out, int oo) {
        int padded = (len + KEY_BLOCK - 1) / KEY_BLOCK * KEY_BLOCK;
        Objects.checkFromIndexSize(ko, Math.multiplyExact(hs, padded), kT.length);
        Objects.checkFromIndexSize(so, padded, scores.length);
        for (int s = 0; s < len; s += KEY_BLOCK) {
            AttentionKernel.scores(q, qo, kT, ko + s * hs, KEY_BLOCK, hs, Math.min(KEY_BLOCK, len - s), scale, scores, so + s);
        }
        softmax(scores, so, len);
        AttentionKernel.weightedRows(scores, so, v, vo, hs, len, hs, out, oo);
    }

    /**
     * In place, for the short rows of decoding: the same exp as {@link Softmax}, but no vector is passed to a
     * helper (one C2 declines to inline would box it on the heap, once per call: an allocation per token).
     */
    private static void softmax(float[] x, int xo, int n) {
        FloatVector mx = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i += L) mx = mx.max(FloatVector.fromArray(F, x, xo + i, F.indexInRange(i, n)).blend(Float.NEGATIVE_INFINITY, F.indexInRange(i, n).not()));
        FloatVector shift = FloatVector.broadcast(F, mx.reduceLanes(VectorOperators.MAX)); // max is exact in any order
        FloatVector sum = FloatVector.zero(F);
        for (int i = 0; i < n; i += L) {
            var m = F.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, x, xo + i, m).sub(shift));
            e.intoArray(x, xo + i, m);
            sum = sum.add(e, m);
        }
        float total = 0f;
        for (int i = 0; i < L; i++) total += sum.lane(i); // lane order: the bits never depend on how the JIT reduces
        FloatVector inv = FloatVector.broadcast(F, 1f / total);
        for (int i = 0; i < n; i += L) {
            var m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xo + i, m).mul(inv).intoArray(x, xo + i, m);
        }
    }

}
