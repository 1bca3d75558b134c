package nextword.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import nextword.testing.GradCheck;
import org.junit.jupiter.api.Test;

class ConvGradTest {

    private static Tensor in(long seed, int... shape) {
        return GradCheck.input(seed, shape);
    }

    @Test
    void conv2dMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(1);
        Tensor x = Tensor.randn(rng, 1f, 2, 3, 7, 5);
        Tensor w = Tensor.randn(rng, 1f, 4, 3, 3, 2);
        Tensor b = Tensor.randn(rng, 1f, 4);
        int stride = 2;
        int pad = 1;
        Tensor y = x.conv2d(w, b, stride, pad);
        assertArrayEquals(new int[] {2, 4, 4, 3}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < 4; f++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = b.get(f);
                        for (int c = 0; c < 3; c++) {
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 2; dj++) {
                                    int yy = i * stride + di - pad;
                                    int xx = j * stride + dj - pad;
                                    if (yy >= 0 && yy < 7 && xx >= 0 && xx < 5) s += x.get(n, c, yy, xx) * w.get(f, c, di, dj);
                                }
                            }
                        }
                        assertEquals(s, y.get(n, f, i, j), 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void conv2dGradients() {
        GradCheck check = GradCheck.standard();
        check.check("conv2d 3x3 stride 1", t -> t[0].conv2d(t[1], t[2], 1, 0), in(1, 2, 3, 7, 5), in(2, 2, 3, 3, 3), in(3, 2));
        check.check("conv2d stride 2 pad 1", t -> t[0].conv2d(t[1], t[2], 2, 1), in(4, 1, 2, 5, 5), in(5, 3, 2, 3, 3), in(6, 3));
        check.check("conv2d 1x1 no bias", t -> t[0].conv2d(t[1], null, 1, 0), in(7, 1, 17, 1, 3), in(8, 1, 17, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> in(9, 1, 2, 2, 2).conv2d(in(10, 1, 2, 3, 3), null, 1, 0));
    }

    @Test
    void maxPoolSendsEachGradientToItsWindowsMaximum() {
        // distinct values 0.05 apart, shuffled: no window has a near-tie for the finite differences to cross
        SplittableRandom rng = new SplittableRandom(11);
        int n = 2 * 3 * 6 * 5;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i - n / 2) * 0.05f;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        GradCheck.of(1e-3, 1e-2, 1e-3).check("maxPool2d", t -> t[0].maxPool2d(2, 2), Tensor.of(v, 2, 3, 6, 5).requireGrad());
        GradCheck.of(1e-3, 1e-2, 1e-3).check("maxPool2d overlapping", t -> t[0].maxPool2d(3, 1), Tensor.of(v, 2, 3, 6, 5).requireGrad());

        Tensor x = Tensor.of(new float[] {1, 5, 2, 0, 3, 4, 9, 8, 7, 6, 1, 2, 0, 0, 3, 3}, 1, 1, 4, 4);
        assertArrayEquals(new float[] {5, 9, 7, 3}, x.maxPool2d(2, 2).toArray());
    }
}
