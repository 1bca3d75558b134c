package nextword.infer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import nextword.kernels.InferenceKernels;
import nextword.kernels.Kernels;
import nextword.kernels.Q8;

/**
 * An 8-bit matrix: one row of int8 weights per output, a float32 scale per block of 32 (see
 * {@link InferenceKernels}). The segments may be slices of a mapped file, used as they are.
 */
record Q8Matrix(MemorySegment q, MemorySegment scales, int inputs, int outputs) implements Matrix {

    private static final InferenceKernels KERNELS = Kernels.inference();
    /** Weights per parallel task at least: below ~10 µs of work a hand-off to another thread costs more than it saves. */
    private static final int GRAIN_NUMBERS = 64 * 1024;

    Q8Matrix {
        Q8.checkBlocks(inputs);
        if (q.byteSize() != (long) inputs * outputs || scales.byteSize() != 4L * outputs * (inputs / Q8.BLOCK)) {
            throw new IllegalArgumentException("8-bit matrix " + outputs + "×" + inputs + " has " + q.byteSize() + " weight and " + scales.byteSize() + " scale bytes");
        }
    }

    /** Quantizes w, laid out as for {@link PanelMatrix#pack}, into memory from arena. */
    static Q8Matrix quantize(float[] w, int inputs, int outputs, boolean transposed, Arena arena) {
        if ((long) inputs * outputs != w.length) throw new IllegalArgumentException("matrix " + inputs + "×" + outputs + " but " + w.length + " numbers");
        Q8.checkBlocks(inputs);
        MemorySegment q = arena.allocate((long) inputs * outputs, 64);
        MemorySegment s = arena.allocate(4L * outputs * (inputs / Q8.BLOCK), 64);
        float[] row = new float[inputs];
        for (int j = 0; j < outputs; j++) {
            if (transposed) {
                System.arraycopy(w, j * inputs, row, 0, inputs);
            } else {
                for (int p = 0; p < inputs; p++) row[p] = w[p * outputs + j];
            }
            Q8.quantizeRow(row, 0, inputs, q, (long) j * inputs, s, 4L * j * (inputs / Q8.BLOCK));
        }
        return new Q8Matrix(q, s, inputs, outputs);
    }

    @Override
    public long bytes() {
        return (long) outputs * Q8.rowBytes(inputs);
    }

    @Override
    public int units() {
        return outputs;
    }

    @Override
    public int grain() {
        return Math.max(1, GRAIN_NUMBERS / inputs);
    }

    @Override
    public void prepare(float[] x, int xo, Scratch s) {
        s.ensure(inputs);
        Q8.quantize(x, xo, inputs, s.q, 0, s.scales, 0);
    }

    @Override
    public void matVec(float[] x, int xo, Scratch s, float[] y, int yo, int from, int to) {
        KERNELS.q8MatVec(q, scales, inputs, s.q, s.scales, y, yo, from, to);
    }

    @Override
    public void matMul(float[] x, int m, Scratch s, float[] y) {
        s.ensure(m * inputs);
        for (int i = 0; i < m; i++) Q8.quantize(x, i * inputs, inputs, s.q, i * inputs, s.scales, i * (inputs / Q8.BLOCK));
        KERNELS.q8MatMul(s.q, s.scales, m, q, scales, inputs, outputs, y);
    }

    @Override
    public void weightsInto(int j, float[] out, int oo) {
        Q8.dequantizeRow(q, scales, inputs, j, out, oo);
    }
}
