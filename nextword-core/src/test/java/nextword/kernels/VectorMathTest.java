package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The polynomial exp against {@link Math#exp} over its whole range, and at the edges. */
class VectorMathTest {

    private static float exp(float x) {
        return VectorMath.exp(FloatVector.broadcast(VectorMath.F, x)).lane(0);
    }

    @Test
    void relativeErrorUnderThreeUlpsAcrossTheRange() {
        int lanes = VectorMath.F.length();
        int points = 1 << 16;
        float[] x = new float[points], y = new float[points];
        for (int i = 0; i < points; i++) x[i] = -87f + 175f * i / points;
        for (int i = 0; i < points; i += lanes) VectorMath.exp(FloatVector.fromArray(VectorMath.F, x, i)).intoArray(y, i);
        double worst = 0;
        for (int i = 0; i < points; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
        }
        assertTrue(worst < 3 * Math.ulp(1f) / 2, "worst relative error " + worst);
    }

    @Test
    void edges() {
        assertEquals(1f, exp(0f));
        assertEquals(0f, exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, exp(-200f));
        assertEquals(Float.POSITIVE_INFINITY, exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, exp(100f));
        assertTrue(Float.isNaN(exp(Float.NaN)));
        float s = VectorMath.sigmoid(FloatVector.broadcast(VectorMath.F, -1e4f)).lane(0);
        assertEquals(0f, s);
        assertEquals(1f, VectorMath.sigmoid(FloatVector.broadcast(VectorMath.F, 1e4f)).lane(0));
    }
}
