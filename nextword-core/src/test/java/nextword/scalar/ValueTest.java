package nextword.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void gradientsOfASmallExpressionMatchTheHandDerivation() {
        // f = tanh(x·w + b) · exp(x) / y − relu(y)  +  log(y)·x²
        double x0 = 0.7;
        double w0 = -1.3;
        double b0 = 0.4;
        double y0 = 2.5;
        Value x = new Value(x0);
        Value w = new Value(w0);
        Value b = new Value(b0);
        Value y = new Value(y0);
        Value f = x.mul(w).add(b).tanh().mul(x.exp()).div(y).sub(y.relu()).add(y.log().mul(x.pow(2)));
        f.backward();

        double t = Math.tanh(x0 * w0 + b0);
        double sech2 = 1 - t * t;
        double e = Math.exp(x0);
        assertEquals(t * e / y0 - y0 + Math.log(y0) * x0 * x0, f.data(), 1e-12);
        // ∂f/∂x = (sech²·w·e + t·e)/y + 2x·log y
        assertEquals((sech2 * w0 * e + t * e) / y0 + 2 * x0 * Math.log(y0), x.grad(), 1e-12);
        assertEquals(sech2 * x0 * e / y0, w.grad(), 1e-12);
        assertEquals(sech2 * e / y0, b.grad(), 1e-12);
        // ∂f/∂y = −t·e/y² − 1 + x²/y
        assertEquals(-t * e / (y0 * y0) - 1 + x0 * x0 / y0, y.grad(), 1e-12);
    }

    @Test
    void aValueUsedTwiceCollectsBothContributions() {
        Value a = new Value(3);
        Value s = a.mul(a).add(a); // a² + a → 2a + 1 = 7
        s.backward();
        assertEquals(7, a.grad(), 0);
        assertEquals(2, s.inputs().size());
        assertEquals("+", s.op());
    }

    @Test
    void reluPassesGradientOnlyWhenPositive() {
        Value neg = new Value(-2);
        Value pos = new Value(2);
        neg.relu().add(pos.relu().mul(3)).backward();
        assertEquals(0, neg.grad(), 0);
        assertEquals(3, pos.grad(), 0);
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Value x = new Value(1);
        Value y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1.0);
        y.backward();
        assertEquals(1, x.grad(), 0);
    }
}
