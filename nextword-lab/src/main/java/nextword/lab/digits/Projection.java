package nextword.lab.digits;

/**
 * Principal components: the directions along which a cloud of points spreads most. Projecting a layer's
 * vectors onto the top two gives a flat picture of how the net arranges its inputs.
 */
final class Projection {

    private Projection() {}

    /** The rows (count, dim) projected on their two main axes, as (count, 2), found by power iteration in double. */
    static double[][] topTwo(float[] rows, int dim) {
        int n = rows.length / dim;
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) mean[d] += rows[i * dim + d];
        for (int d = 0; d < dim; d++) mean[d] /= n;
        double[][] cov = new double[dim][dim];
        double[] centred = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) centred[d] = rows[i * dim + d] - mean[d];
            for (int a = 0; a < dim; a++) {
                double ca = centred[a];
                if (ca == 0) continue;
                for (int b = 0; b < dim; b++) cov[a][b] += ca * centred[b];
            }
        }
        double[] first = principal(cov, null);
        double[] second = principal(cov, first);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double c = rows[i * dim + d] - mean[d];
                out[i][0] += c * first[d];
                out[i][1] += c * second[d];
            }
        }
        return out;
    }

    /** The leading eigenvector of the symmetric matrix cov, orthogonal to `not` when given. */
    private static double[] principal(double[][] cov, double[] not) {
        int dim = cov.length;
        double[] v = new double[dim];
        for (int d = 0; d < dim; d++) v[d] = 1.0 + 0.01 * d; // a fixed start: the same answer every run
        for (int iter = 0; iter < 500; iter++) {
            if (not != null) removeComponent(v, not);
            double[] w = new double[dim];
            for (int a = 0; a < dim; a++) {
                double s = 0;
                for (int b = 0; b < dim; b++) s += cov[a][b] * v[b];
                w[a] = s;
            }
            if (not != null) removeComponent(w, not);
            double norm = Math.sqrt(dot(w, w));
            if (norm == 0) return v;
            for (int d = 0; d < dim; d++) w[d] /= norm;
            double change = 0;
            for (int d = 0; d < dim; d++) change += Math.abs(w[d] - v[d]);
            v = w;
            if (change < 1e-10) break;
        }
        return v;
    }

    private static void removeComponent(double[] v, double[] unit) {
        double p = dot(v, unit);
        for (int d = 0; d < v.length; d++) v[d] -= p * unit[d];
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) s += a[d] * b[d];
        return s;
    }
}
