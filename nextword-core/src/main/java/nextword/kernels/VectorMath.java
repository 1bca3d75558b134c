package nextword.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and the logistic function on vectors, from lane-wise adds, multiplies and FMAs only.
 *
 * <p>Not {@code VectorOperators.EXP}: its intrinsic (Intel's SVML) and its Java fallback may differ in the last
 * bit, so a result could change the moment C2 compiles a method. These are exact to about 2 ulp and give the
 * same bits compiled or interpreted.
 */
final class VectorMath {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n·LN2_HI is exact for |n| < 2^10 (Cody and Waite's reduction)
    private static final FloatVector NEG_LN2_HI = FloatVector.broadcast(F, -0.693145751953125f);
    private static final FloatVector NEG_LN2_LO = FloatVector.broadcast(F, -1.428606820309417232e-6f);
    // Taylor coefficients 1/k!
    private static final FloatVector C2 = FloatVector.broadcast(F, 1f / 2);
    private static final FloatVector C3 = FloatVector.broadcast(F, 1f / 6);
    private static final FloatVector C4 = FloatVector.broadcast(F, 1f / 24);
    private static final FloatVector C5 = FloatVector.broadcast(F, 1f / 120);
    private static final FloatVector C6 = FloatVector.broadcast(F, 1f / 720);
    private static final FloatVector C7 = FloatVector.broadcast(F, 1f / 5040);
    /** 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer, which lands in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final float LOWEST = -87.5f; // exp below is under the smallest normal float: flush to 0
    private static final float HIGHEST = 88.0f; // exp above overflows the 2^n scale: saturate to +∞

    private VectorMath() {}

    /** e^x lane-wise: relative error ≲ 2·10⁻⁷; 0 below −87.5 (and for −∞), +∞ above 88, NaN for NaN. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(LOWEST).min(HIGHEST);
        // x = n·ln2 + r with |r| ≤ ln2/2, n an integer
        FloatVector t = xc.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(NEG_LN2_HI, xc);
        r = n.fma(NEG_LN2_LO, r);
        // e^r by its Taylor series to r^7 (truncation error < 5·10⁻⁹ on |r| ≤ 0.35), Horner form
        FloatVector p = r.fma(C7, C6);
        p = p.fma(r, C5);
        p = p.fma(r, C4);
        p = p.fma(r, C3);
        p = p.fma(r, C2);
        p = p.fma(r, ONE);
        p = p.fma(r, ONE);
        // 2^n: n + 127 into the exponent field; t's low bits hold n + 2^22 + 2^23
        IntVector bits = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER) - 127).lanewise(VectorOperators.LSHL, 23);
        FloatVector e = p.mul(bits.reinterpretAsFloats());
        e = e.blend(0f, x.lt(LOWEST));
        return e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, HIGHEST));
    }

    /** 1 / (1 + e^−x) lane-wise. */
    static FloatVector sigmoid(FloatVector x) {
        return ONE.div(exp(x.neg()).add(1f));
    }
}
