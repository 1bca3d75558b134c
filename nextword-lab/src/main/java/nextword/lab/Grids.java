package nextword.lab;

/** Evenly spaced sample points, for curves and maps. */
public final class Grids {

    private Grids() {}

    /** n points from `from` to `to`, both included. */
    public static double[] linspace(double from, double to, int n) {
        if (n < 2) throw new IllegalArgumentException("linspace needs at least 2 points, got " + n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = from + (to - from) * i / (n - 1);
        return out;
    }
}
