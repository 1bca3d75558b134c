package nextword.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nextword.testing.GradCheck;
import org.junit.jupiter.api.Test;

class PointwiseGradTest {

    private static final GradCheck CHECK = GradCheck.standard();
    /** Odd shapes: a single element, small odd sizes, and one wide row. */
    private static final int[][] SHAPES = {{1}, {3}, {3, 17}, {1, 65}, {17, 3}};

    private static Tensor in(long seed, int... shape) {
        return GradCheck.input(seed, shape);
    }

    @Test
    void addSubMulSameShape() {
        for (int[] s : SHAPES) {
            CHECK.check("add " + Shapes.str(s), x -> x[0].add(x[1]), in(1, s), in(2, s));
            CHECK.check("sub " + Shapes.str(s), x -> x[0].sub(x[1]), in(3, s), in(4, s));
            CHECK.check("mul " + Shapes.str(s), x -> x[0].mul(x[1]), in(5, s), in(6, s));
        }
    }

    @Test
    void biasBroadcastsOverTheLastDimension() {
        for (int[] s : SHAPES) {
            int c = s[s.length - 1];
            CHECK.check("add bias " + Shapes.str(s), x -> x[0].add(x[1]), in(7, s), in(8, c));
            CHECK.check("sub bias " + Shapes.str(s), x -> x[0].sub(x[1]), in(9, s), in(10, c));
            CHECK.check("mul gain " + Shapes.str(s), x -> x[0].mul(x[1]), in(11, s), in(12, c));
        }
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(b).toArray());
        assertArrayEquals(new float[] {-9, -18, -27, -6, -15, -24}, a.sub(b).toArray());
        assertArrayEquals(new float[] {10, 40, 90, 40, 100, 180}, a.mul(b).toArray());
        assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(2)));
    }

    @Test
    void activations() {
        for (int[] s : SHAPES) {
            CHECK.check("scale " + Shapes.str(s), x -> x[0].scale(-2.5f), in(13, s));
            CHECK.check("tanh " + Shapes.str(s), x -> x[0].tanh(), in(14, s));
            CHECK.check("sigmoid " + Shapes.str(s), x -> x[0].sigmoid(), in(15, s));
            CHECK.check("gelu " + Shapes.str(s), x -> x[0].gelu(), in(16, s));
            CHECK.check("relu " + Shapes.str(s), x -> x[0].relu(), awayFromZero(in(17, s)));
        }
        Tensor x = Tensor.of(new float[] {-1f, 0f, 2f}, 3);
        assertArrayEquals(new float[] {0f, 0f, 2f}, x.relu().toArray());
        assertEquals(Math.tanh(2.0), x.tanh().get(2), 1e-6);
        assertEquals(1 / (1 + Math.exp(1.0)), x.sigmoid().get(0), 1e-6);
    }

    /** Moves values off ReLU's kink by more than the finite-difference step. */
    private static Tensor awayFromZero(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) if (Math.abs(d[i]) < 0.05f) d[i] += d[i] < 0 ? -0.1f : 0.1f;
        return t;
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (int[] s : SHAPES) {
            CHECK.check("softmax " + Shapes.str(s), x -> x[0].softmax(), in(18, s));
            CHECK.check("logSoftmax " + Shapes.str(s), x -> x[0].logSoftmax(), in(19, s));
        }
        Tensor p = Tensor.of(new float[] {1f, 2f, 3f, 0f, 0f, 0f}, 2, 3).softmax();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / z, p.get(0, 2), 1e-6);
        assertEquals(1 / 3.0, p.get(1, 1), 1e-6);
    }

    @Test
    void reductions() {
        for (int[] s : SHAPES) {
            CHECK.check("sum " + Shapes.str(s), x -> x[0].sum(), in(20, s));
            CHECK.check("mean " + Shapes.str(s), x -> x[0].mean(), in(21, s));
        }
        assertEquals(21f, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).sum().item());
        assertEquals(3.5f, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).mean().item());
    }

    @Test
    void reshapeRowsAndTransposeRouteGradientsBack() {
        CHECK.check("reshape", x -> x[0].reshape(3, -1).mul(x[1]), in(22, 17, 3), in(23, 3, 17));
        CHECK.check("rows", x -> x[0].rows(1, 3).tanh(), in(24, 5, 3));
        CHECK.check("transpose", x -> x[0].transpose().mul(x[1]), in(25, 2, 3, 17), in(26, 2, 17, 3));
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.transpose().toArray());
        assertArrayEquals(new float[] {4, 5, 6}, t.rows(1, 2).toArray());
        assertEquals(t.data(), t.reshape(6).data(), "reshape is a view");
        assertThrows(IllegalArgumentException.class, () -> t.reshape(4, -1));
    }

    @Test
    void opsReadViewsAtTheirOffset() {
        Tensor big = Tensor.of(new float[] {9, 9, 1, 2, 3, 4}, 3, 2);
        Tensor view = big.rows(1, 3); // (2, 2) = [[1, 2], [3, 4]]
        assertArrayEquals(new float[] {2, 4, 6, 8}, view.add(view).toArray());
        assertArrayEquals(new float[] {7, 10, 15, 22}, view.matmul(view).toArray());
        assertArrayEquals(new float[] {1, 4, 9, 16}, view.mul(view).toArray());
    }
}
