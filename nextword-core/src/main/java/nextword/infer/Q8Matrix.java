package nextword.infer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import nextword.kernels.InferenceKernels;
import nextword.kernels.Kernels;
import nextword.kernels.Q8;

/**
 * An 8-bit matrix: int8 weights in column panels of 32 outputs with a float32 scale per block of 32 inputs
 * and output (see {@link Q8}). The segments may be slices of a mapped file, used as they are.
 */
record Q8Matrix(MemorySegment q, MemorySegment scales, int inputs, int outputs) implements Matrix {

    private static final InferenceKernels KERNELS = Kernels.inference();
    /** Weights per parallel task at least: below ~10 µs of work a hand-off to another thread costs more than it saves. */
    private static final int GRAIN_NUMBERS = 128 * 1024;

    Q8Matrix {
        Q8.checkBlocks(inputs);
        int panels = Q8.panels(outputs);
        if (q.byteSize() != panels * Q8.panelBytes(inputs) || scales.byteSize() != panels * Q8.panelScaleBytes(inputs)) {
            throw new IllegalArgumentException("8-bit matrix " + inputs + "→" + outputs + " has " + q.byteSize() + " weight and "
                    + scales.byteSize() + " scale bytes");
        }
    }

    /** Quantizes w, laid out as for {@link PanelMatrix#pack}, into zeroed memory from {@code memory}. */
    static Q8Matrix quantize(float[] w, int inputs, int outputs, boolean transposed, SegmentAllocator memory) {
        if ((long) inputs * outputs != w.length) throw new IllegalArgumentException("matrix " + inputs + "×" + outputs + " but " + w.length + " numbers");
        Q8.checkBlocks(inputs);
        int panels = Q8.panels(outputs);
        MemorySegment q = memory.allocate(panels * Q8.panelBytes(inputs), 64); // zeros: the padding outputs stay 0
        MemorySegment s = memory.allocate(panels * Q8.panelScaleBytes(inputs), 64);
        for (int j = 0; j < outputs; j++) {
            // output j's weights: a row of the (outputs, inputs) layout, a column of Conv1D's (inputs, outputs)
            if (transposed) Q8.quantizeOutput(w, j * inputs, 1, inputs, j, q, s);
            else Q8.quantizeOutput(w, j, outputs, inputs, j, q, s);
        }
        return new Q8Matrix(q, s, inputs, outputs);
    }

    @Override
    public long bytes() {
        return Q8.panels(outputs) * (Q8.panelBytes(inputs) + Q8.panelScaleBytes(inputs));
    }

    @Override
    public int units() {
        return Q8.panels(outputs);
    }

    @Override
    public int grain() {
        return Matrix.pairedPanels(GRAIN_NUMBERS, inputs * Q8.PANEL);
    }

    @Override
    public void prepare(float[] x, int xo, Scratch s) {
        s.ensure(1, inputs);
        Q8.quantize(x, xo, inputs, s.q, 0, s.scales, 0);
        Q8.pairs(s.q, 0, inputs, s.pairs, 0);
    }

    @Override
    public void matVec(float[] x, int xo, Scratch s, float[] y, int yo, int from, int to) {
        KERNELS.q8MatVec(q, scales, inputs, outputs, s.pairs, 0, s.scales, 0, y, yo, from, to);
    }

    @Override
    public void matMul(float[] x, int m, Scratch s, float[] y) {
        s.ensure(m, inputs);
        int blocks = inputs / Q8.BLOCK;
        for (int i = 0; i < m; i++) {
            Q8.quantize(x, i * inputs, inputs, s.q, i * inputs, s.scales, i * blocks);
            Q8.pairs(s.q, i * inputs, inputs, s.pairs, i * inputs / 2);
        }
        KERNELS.q8MatMul(s.q, s.pairs, s.scales, m, q, scales, inputs, outputs, y);
    }

    @Override
    public void weightsInto(int j, float[] out, int oo) {
        Q8.dequantizeOutput(q, scales, inputs, j, out, oo);
    }
}
