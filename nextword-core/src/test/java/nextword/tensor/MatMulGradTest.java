package nextword.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import nextword.testing.GradCheck;
import org.junit.jupiter.api.Test;

class MatMulGradTest {

    private static final GradCheck CHECK = GradCheck.standard();
    /** (M, K, N) triples with odd sizes, one of them wide. */
    private static final int[][] SIZES = {{1, 1, 1}, {3, 17, 1}, {17, 3, 65}, {1, 65, 3}};

    private static Tensor in(long seed, int... shape) {
        return GradCheck.input(seed, shape);
    }

    @Test
    void matmulForwardMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(1);
        Tensor a = Tensor.randn(rng, 1f, 2, 3, 5);
        Tensor b = Tensor.randn(rng, 1f, 5, 4);
        Tensor c = a.matmul(b);
        assertArrayEquals(new int[] {2, 3, 4}, c.shape());
        for (int bi = 0; bi < 2; bi++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    double s = 0;
                    for (int p = 0; p < 5; p++) s += a.get(bi, i, p) * b.get(p, j);
                    assertEquals(s, c.get(bi, i, j), 1e-5);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(4, 5)));
    }

    @Test
    void matmulGradients() {
        for (int[] s : SIZES) {
            CHECK.check("matmul " + java.util.Arrays.toString(s), x -> x[0].matmul(x[1]), in(1, s[0], s[1]), in(2, s[1], s[2]));
        }
        CHECK.check("matmul shared right operand", x -> x[0].matmul(x[1]), in(3, 2, 3, 17), in(4, 17, 5));
        CHECK.check("matmul batched", x -> x[0].matmul(x[1]), in(5, 3, 3, 17), in(6, 3, 17, 1));
    }

    @Test
    void linearInBothLayouts() {
        for (int[] s : SIZES) {
            int rows = s[0];
            int inDim = s[1];
            int outDim = s[2];
            String name = java.util.Arrays.toString(s);
            CHECK.check("linear out_in " + name, x -> x[0].linear(x[1], x[2]), in(7, rows, inDim), in(8, outDim, inDim), in(9, outDim));
            CHECK.check("linear in_out " + name, x -> x[0].linear(x[1], x[2], WeightLayout.IN_OUT),
                    in(10, rows, inDim), in(11, inDim, outDim), in(12, outDim));
            CHECK.check("linear no bias " + name, x -> x[0].linear(x[1], null), in(13, rows, inDim), in(14, outDim, inDim));
        }
        CHECK.check("linear over (B, T, C)", x -> x[0].linear(x[1], x[2], WeightLayout.IN_OUT), in(15, 2, 3, 5), in(16, 5, 7), in(17, 7));
    }

    @Test
    void theTwoLayoutsAgree() {
        Tensor x = in(20, 3, 5);
        Tensor w = in(21, 4, 5);
        Tensor b = in(22, 4);
        Tensor viaOutIn = x.linear(w, b);
        Tensor viaInOut = x.linear(w.transpose(), b, WeightLayout.IN_OUT);
        assertArrayEquals(viaOutIn.toArray(), viaInOut.toArray(), 1e-5f);
        assertArrayEquals(viaOutIn.toArray(), x.matmul(w.transpose()).add(b).toArray(), 1e-5f);
    }
}
