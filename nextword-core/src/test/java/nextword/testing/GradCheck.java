package nextword.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Function;
import nextword.tensor.Autograd;
import nextword.tensor.Tensor;

/**
 * Checks a function's gradients against central finite differences.
 *
 * <p>The function's output, whatever its shape, is projected onto fixed random weights w to make a scalar
 * L = Σ wᵢ·outᵢ, summed in double; backpropagating w gives the analytic gradient of L, and
 * (L(x + ε) − L(x − ε)) / 2ε the numeric one, for every element of every input that requires a gradient.
 * Float32 code limits the agreement: with ε ≈ 1e-2..1e-3 a relative tolerance of about 1e-2 is honest.
 * Inputs must stay away from kinks (ReLU at 0, ties in a max) by more than ε.
 */
public final class GradCheck {

    private final double eps;
    private final double rtol;
    private final double atol;

    private GradCheck(double eps, double rtol, double atol) {
        this.eps = eps;
        this.rtol = rtol;
        this.atol = atol;
    }

    /** ε = 1e-2, passing when |analytic − numeric| ≤ 1e-3 + 1e-2·max(|analytic|, |numeric|). */
    public static GradCheck standard() {
        return new GradCheck(1e-2, 1e-2, 1e-3);
    }

    /** A checker with its own step and tolerances. */
    public static GradCheck of(double eps, double rtol, double atol) {
        return new GradCheck(eps, rtol, atol);
    }

    /**
     * Asserts that f's gradients with respect to each input that requires one match finite differences.
     * f must build its output only from the tensors it is given (so perturbing them changes it).
     */
    public void check(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor x : inputs) x.zeroGrad();
        Tensor out = f.apply(inputs);
        float[] w = projection(out.size());
        out.backward(w);
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            if (!x.requiresGrad()) continue;
            assertNotNull(x.grad(), what + ": input " + i + " received no gradient");
            float[] data = x.data();
            for (int j = 0; j < x.size(); j++) {
                int at = x.offset() + j;
                float saved = data[at];
                data[at] = (float) (saved + eps);
                double plus = projected(f, inputs, w);
                data[at] = (float) (saved - eps);
                double minus = projected(f, inputs, w);
                data[at] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double analytic = x.grad()[j];
                if (Math.abs(analytic - numeric) > atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric))) {
                    fail(String.format("%s: d/d input %d element %d: analytic %.6g vs numeric %.6g (eps %g)",
                            what, i, j, analytic, numeric, eps));
                }
            }
        }
    }

    private static double projected(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] w) {
        try (var g = Autograd.noGrad()) {
            Tensor out = f.apply(inputs);
            double s = 0;
            for (int i = 0; i < out.size(); i++) s += (double) w[i] * out.data()[out.offset() + i];
            return s;
        }
    }

    /** Fixed pseudo-random weights in [-1, 1): the same for every check of the same output size. */
    private static float[] projection(int n) {
        SplittableRandom rng = new SplittableRandom(0x5EED + n);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (rng.nextDouble() * 2 - 1);
        return w;
    }

    /** A tensor of normal values (std 1) that requires a gradient: a typical input to check. */
    public static Tensor input(long seed, int... shape) {
        return Tensor.randn(new SplittableRandom(seed), 1f, shape).requireGrad();
    }
}
