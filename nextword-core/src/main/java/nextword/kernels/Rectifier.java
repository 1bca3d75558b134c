package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * ReLU and its gradient on vectors, the convolutional nets' most frequent element-wise work. Lane-wise MAX
 * follows Math.max (NaN stays NaN, −0 becomes 0) and the gradient adds only where x &gt; 0, so both agree
 * with the spec bit for bit.
 */
final class Rectifier {

    private Rectifier() {}

    static void relu(float[] x, int xo, float[] out, int oo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                FloatVector.fromArray(F, x, xo + i, m).max(0f).intoArray(out, oo + i, m);
            }
        });
    }

    static void reluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        Elementwise.chunks(n, (from, to) -> {
            for (int i = from; i < to; i += L) {
                VectorMask<Float> m = F.indexInRange(i, to);
                VectorMask<Float> positive = FloatVector.fromArray(F, x, xo + i, m).compare(VectorOperators.GT, 0f).and(m);
                FloatVector d = FloatVector.fromArray(F, dx, dxo + i, m);
                d.add(FloatVector.fromArray(F, dout, doo + i, m), positive).intoArray(dx, dxo + i, m);
            }
        });
    }
}
