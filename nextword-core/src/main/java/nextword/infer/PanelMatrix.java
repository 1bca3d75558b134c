package nextword.infer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import nextword.kernels.InferenceKernels;
import nextword.kernels.Kernels;

/** A float32 matrix in column panels (see {@link InferenceKernels}), built once from a row-major array. */
record PanelMatrix(MemorySegment panels, int inputs, int outputs, int panelWidth) implements Matrix {

    private static final InferenceKernels KERNELS = Kernels.inference();

    /**
     * Packs w into panels in zeroed memory from {@code memory} (a {@link nextword.kernels.HugePages#pool}).
     * {@code transposed} false: w is (inputs, outputs) row-major, GPT-2's Conv1D layout; true: w is (outputs,
     * inputs), the token embedding's.
     */
    static PanelMatrix pack(float[] w, int inputs, int outputs, boolean transposed, SegmentAllocator memory) {
        if ((long) inputs * outputs != w.length) throw new IllegalArgumentException("matrix " + inputs + "×" + outputs + " but " + w.length + " numbers");
        int nr = KERNELS.panelWidth();
        int panels = (outputs + nr - 1) / nr;
        MemorySegment seg = memory.allocate(4L * panels * inputs * nr, 64);
        for (int q = 0; q < panels; q++) {
            int live = Math.min(nr, outputs - q * nr);
            for (int p = 0; p < inputs; p++) {
                long o = 4L * ((long) q * inputs + p) * nr;
                if (!transposed) {
                    MemorySegment.copy(w, p * outputs + q * nr, seg, ValueLayout.JAVA_FLOAT, o, live);
                } else {
                    for (int j = 0; j < live; j++) seg.set(ValueLayout.JAVA_FLOAT, o + 4L * j, w[(q * nr + j) * inputs + p]);
                }
            }
        }
        return new PanelMatrix(seg, inputs, outputs, nr);
    }

    @Override
    public long bytes() {
        return 4L * inputs * outputs;
    }

    @Override
    public int units() {
        return (outputs + panelWidth - 1) / panelWidth;
    }

    /** Weights per parallel task at least: below ~10 µs of work a hand-off to another thread costs more than it saves. */
    private static final int GRAIN_NUMBERS = 64 * 1024;

    @Override
    public int grain() {
        return Matrix.pairedPanels(GRAIN_NUMBERS, inputs * panelWidth);
    }

    @Override
    public void prepare(float[] x, int xo, Scratch s) {
        // float32 panels read x as it is
    }

    @Override
    public void matVec(float[] x, int xo, Scratch s, float[] y, int yo, int from, int to) {
        KERNELS.panelMatVec(panels, inputs, outputs, x, xo, y, yo, from, to);
    }

    @Override
    public void matMul(float[] x, int m, Scratch s, float[] y) {
        KERNELS.panelMatMul(x, m, panels, inputs, outputs, y);
    }

    @Override
    public void weightsInto(int j, float[] out, int oo) {
        long base = 4L * ((long) (j / panelWidth) * inputs * panelWidth + j % panelWidth);
        for (int p = 0; p < inputs; p++) out[oo + p] = panels.get(ValueLayout.JAVA_FLOAT, base + 4L * p * panelWidth);
    }
}
