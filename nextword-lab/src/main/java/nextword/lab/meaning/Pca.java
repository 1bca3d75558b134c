package nextword.lab.meaning;

import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * Principal component analysis: the directions along which a cloud of points spreads most, to look at
 * high-dimensional embeddings in two or three dimensions. Fitted exactly, by the eigenvectors of the smaller
 * of the covariance (dimensions²) and the Gram matrix (points²): a word plot has hundreds of points in
 * ~100 dimensions, a GPT trajectory tens of points in hundreds.
 */
public final class Pca {

    /** The most points or dimensions, whichever is fewer, that the exact eigen-solver takes on. */
    public static final int MAX_SIDE = 1500;

    private final double[] mean;        // (d)
    private final double[][] components; // (k, d) unit directions, most variance first
    private final double[] variances;   // (k) variance along each
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /** The k principal components of the n points (rows of x, each of d numbers). */
    public static Pca fit(double[][] x, int k) {
        int n = x.length;
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 points, got " + n);
        int d = x[0].length;
        if (k < 1 || k > Math.min(n, d)) throw new IllegalArgumentException("cannot take " + k + " components of " + n + " points in " + d + " dimensions");
        if (Math.min(n, d) > MAX_SIDE) {
            throw new IllegalArgumentException("PCA of " + n + " points in " + d + " dimensions is too large here (at most " + MAX_SIDE + " of one)");
        }
        double[] mean = new double[d];
        for (double[] row : x) {
            if (row.length != d) throw new IllegalArgumentException("points of different lengths: " + d + " and " + row.length);
            for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        }
        float[] centred = new float[n * d]; // (n, d)
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i][j] - mean[j];
                if (!Double.isFinite(c)) throw new IllegalArgumentException("point " + i + " is not finite");
                centred[i * d + j] = (float) c;
                total += c * c;
            }
        }
        total /= n - 1;
        KernelOps ops = Kernels.ops();
        double[][] components = new double[k][];
        double[] variances = new double[k];
        if (d <= n) {
            float[] cov = new float[d * d];
            ops.matmulTransA(centred, 0, centred, 0, cov, 0, d, n, d, false); // Xᵀ X  (d, d)
            SymmetricEigen e = SymmetricEigen.of(square(cov, d, n - 1));
            for (int i = 0; i < k; i++) {
                components[i] = e.vectors()[i];
                variances[i] = Math.max(0, e.values()[i]);
            }
        } else {
            // Few points in many dimensions: X Xᵀ u = λ u gives the direction Xᵀ u / ‖Xᵀ u‖ with the same λ.
            float[] gram = new float[n * n];
            ops.matmulTransB(centred, 0, centred, 0, gram, 0, n, d, n, false); // X Xᵀ  (n, n)
            SymmetricEigen e = SymmetricEigen.of(square(gram, n, n - 1));
            for (int i = 0; i < k; i++) {
                double[] dir = new double[d];
                double[] u = e.vectors()[i];
                for (int p = 0; p < n; p++) for (int j = 0; j < d; j++) dir[j] += u[p] * centred[p * d + j];
                double norm = 0;
                for (double v : dir) norm += v * v;
                norm = Math.sqrt(norm);
                // A zero eigenvalue has no direction in the data: any unit vector orthogonal to the others will do.
                if (norm < 1e-12) dir = orthogonalUnit(components, i, d);
                else for (int j = 0; j < d; j++) dir[j] /= norm;
                components[i] = fixSign(dir);
                variances[i] = Math.max(0, e.values()[i]);
            }
        }
        return new Pca(mean, components, variances, total);
    }

    /** The coordinates of point along the components. */
    public double[] project(double[] point) {
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double s = 0;
            for (int j = 0; j < mean.length; j++) s += (point[j] - mean[j]) * components[c][j];
            out[c] = s;
        }
        return out;
    }

    public double[][] project(double[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) out[i] = project(points[i]);
        return out;
    }

    /** The unit directions, (k, d), most variance first. */
    public double[][] components() {
        return components;
    }

    /** The variance along each component. */
    public double[] variances() {
        return variances.clone();
    }

    /** The share of all the variance that component i explains. */
    public double explained(int i) {
        return totalVariance > 0 ? variances[i] / totalVariance : 0;
    }

    private static double[][] square(float[] m, int side, double divisor) {
        double[][] a = new double[side][side];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) a[i][j] = m[i * side + j] / divisor;
        }
        return a;
    }

    private static double[] fixSign(double[] v) {
        int biggest = 0;
        for (int j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[biggest])) biggest = j;
        if (v[biggest] < 0) for (int j = 0; j < v.length; j++) v[j] = -v[j];
        return v;
    }

    private static double[] orthogonalUnit(double[][] found, int count, int d) {
        for (int axis = 0; axis < d; axis++) {
            double[] v = new double[d];
            v[axis] = 1;
            for (int c = 0; c < count; c++) {
                double dot = 0;
                for (int j = 0; j < d; j++) dot += v[j] * found[c][j];
                for (int j = 0; j < d; j++) v[j] -= dot * found[c][j];
            }
            double norm = 0;
            for (double x : v) norm += x * x;
            if (norm > 1e-6) {
                for (int j = 0; j < d; j++) v[j] /= Math.sqrt(norm);
                return v;
            }
        }
        throw new IllegalStateException("no direction left in " + d + " dimensions");
    }
}
