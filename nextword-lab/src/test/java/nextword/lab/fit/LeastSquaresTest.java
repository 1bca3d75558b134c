package nextword.lab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void recoversAnExactModel() {
        List<DoubleUnaryOperator> basis = List.of(x -> 1, x -> x, x -> x * x, Math::sin);
        double[] xs = {0.5, 1, 2, 3, 4.5, 5, 7};
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) ys[i] = 2 - 0.5 * xs[i] + 0.25 * xs[i] * xs[i] + 3 * Math.sin(xs[i]);
        assertArrayEquals(new double[] {2, -0.5, 0.25, 3}, LeastSquares.fit(basis, xs, ys), 1e-10);
    }

    @Test
    void averagesNoiseLikeTheMean() {
        // one constant function: the best fit is the mean
        double[] c = LeastSquares.fit(List.of(x -> 1), new double[] {1, 2, 3}, new double[] {1, 2, 6});
        assertEquals(3, c[0], 1e-12);
    }

    @Test
    void refusesTooFewPointsAndDependentFunctions() {
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.fit(List.of(x -> 1, x -> x), new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.fit(List.of(x -> x, x -> 2 * x), new double[] {1, 2, 3}, new double[] {1, 2, 3}));
    }
}
