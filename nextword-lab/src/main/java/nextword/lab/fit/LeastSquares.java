package nextword.lab.fit;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The best coefficients of a model that is a weighted sum of fixed functions, f(x) = Σ cₖ·φₖ(x): the cₖ that
 * make Σ (f(xᵢ) − yᵢ)² smallest. Solved by Householder QR in double, which stays accurate where the normal
 * equations would square the condition number (high-degree polynomials).
 */
public final class LeastSquares {

    private LeastSquares() {}

    /** The coefficients of basis that best fit the points (xs, ys); needs at least as many points as functions. */
    public static double[] fit(List<DoubleUnaryOperator> basis, double[] xs, double[] ys) {
        int m = xs.length;
        int n = basis.size();
        if (ys.length != m) throw new IllegalArgumentException(m + " x values but " + ys.length + " y values");
        if (m < n) throw new IllegalArgumentException(n + " coefficients cannot be fixed by " + m + " points");
        double[][] a = new double[m][n];
        double[] b = ys.clone();
        for (int i = 0; i < m; i++) for (int k = 0; k < n; k++) a[i][k] = basis.get(k).applyAsDouble(xs[i]);
        // Reduce A to upper-triangular R by reflections, applying each to b as well: then R·c = (Qᵀb)[0..n).
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) norm += a[i][k] * a[i][k];
            norm = Math.sqrt(norm);
            if (norm == 0) throw new IllegalArgumentException("the basis functions are not independent on these points");
            double alpha = a[k][k] > 0 ? -norm : norm;
            double[] v = new double[m];
            v[k] = a[k][k] - alpha;
            for (int i = k + 1; i < m; i++) v[i] = a[i][k];
            double vv = 0;
            for (int i = k; i < m; i++) vv += v[i] * v[i];
            if (vv == 0) continue;
            for (int col = k; col < n; col++) reflect(v, vv, k, m, a, col);
            double s = 0;
            for (int i = k; i < m; i++) s += v[i] * b[i];
            for (int i = k; i < m; i++) b[i] -= 2 * s / vv * v[i];
        }
        double[] c = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            double s = b[k];
            for (int col = k + 1; col < n; col++) s -= a[k][col] * c[col];
            if (Math.abs(a[k][k]) < 1e-12 * Math.abs(a[0][0])) throw new IllegalArgumentException("the fit is singular: the basis is degenerate on these points");
            c[k] = s / a[k][k];
        }
        return c;
    }

    private static void reflect(double[] v, double vv, int k, int m, double[][] a, int col) {
        double s = 0;
        for (int i = k; i < m; i++) s += v[i] * a[i][col];
        for (int i = k; i < m; i++) a[i][col] -= 2 * s / vv * v[i];
    }

    /** Σ cₖ·φₖ(x). */
    public static double evaluate(List<DoubleUnaryOperator> basis, double[] coefficients, double x) {
        double s = 0;
        for (int k = 0; k < basis.size(); k++) s += coefficients[k] * basis.get(k).applyAsDouble(x);
        return s;
    }
}
