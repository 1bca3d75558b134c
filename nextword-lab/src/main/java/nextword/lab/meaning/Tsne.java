package nextword.lab.meaning;

import java.util.SplittableRandom;

/**
 * t-SNE (van der Maaten and Hinton, 2008), exact: places points in the plane so that each one's near
 * neighbours stay near. Similarities in the original space are Gaussian, each point's width chosen so that
 * its neighbourhood holds about {@code perplexity} points; in the plane they are Student-t, whose heavy tail
 * lets clusters separate. Gradient descent with momentum, per-coordinate gains and early exaggeration, as in
 * the paper. O(n²) per iteration: fine for the few hundred words of a plot. Seeded: same input, same picture.
 *
 * @param perplexity    effective number of neighbours (capped at (n − 1) / 3)
 * @param iterations    gradient steps
 * @param learningRate  step size
 * @param seed          seed of the random start
 */
public record Tsne(double perplexity, int iterations, double learningRate, long seed) {

    private static final double EXAGGERATION = 12;
    private static final int EXAGGERATED_STEPS = 250;

    public Tsne {
        if (!(perplexity > 0) || iterations < 1 || !(learningRate > 0)) throw new IllegalArgumentException("t-SNE needs perplexity, iterations and learning rate > 0");
    }

    /** The usual settings: perplexity 30, 1000 steps, learning rate 200. */
    public static Tsne defaults(long seed) {
        return new Tsne(30, 1000, 200, seed);
    }

    /** Places the n points (rows of x) in the plane: (n, 2). */
    public double[][] embed(double[][] x) {
        int n = x.length;
        if (n < 4) throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
        double[][] p = affinities(squaredDistances(x), Math.min(perplexity, (n - 1) / 3.0));
        SplittableRandom random = new SplittableRandom(seed);
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = 1e-4 * random.nextGaussian();
            row[1] = 1e-4 * random.nextGaussian();
        }
        double[][] velocity = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) java.util.Arrays.fill(g, 1);
        double[][] num = new double[n][n];
        double[][] grad = new double[n][2];
        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < EXAGGERATED_STEPS ? EXAGGERATION : 1;
            double momentum = it < EXAGGERATED_STEPS ? 0.5 : 0.8;
            // Student-t kernel between the current positions: q_ij = num_ij / Σ num.
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = y[i][0] - y[j][0], dy = y[i][1] - y[j][1];
                    double v = 1 / (1 + dx * dx + dy * dy);
                    num[i][j] = num[j][i] = v;
                    sum += 2 * v;
                }
            }
            // dC/dy_i = 4 Σ_j (exaggeration·p_ij − q_ij) · num_ij · (y_i − y_j)
            for (int i = 0; i < n; i++) {
                double gx = 0, gy = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    double m = (exaggeration * p[i][j] - num[i][j] / sum) * num[i][j];
                    gx += m * (y[i][0] - y[j][0]);
                    gy += m * (y[i][1] - y[j][1]);
                }
                grad[i][0] = 4 * gx;
                grad[i][1] = 4 * gy;
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    // Grow the step of a coordinate while its gradient keeps pointing the same way.
                    boolean same = Math.signum(grad[i][c]) == Math.signum(velocity[i][c]);
                    gains[i][c] = Math.max(0.01, same ? gains[i][c] * 0.8 : gains[i][c] + 0.2);
                    velocity[i][c] = momentum * velocity[i][c] - learningRate * gains[i][c] * grad[i][c];
                    y[i][c] += velocity[i][c];
                }
            }
            centre(y);
        }
        return y;
    }

    static double[][] squaredDistances(double[][] x) {
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (x[i].length != x[0].length) throw new IllegalArgumentException("points of different lengths");
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double diff = x[i][k] - x[j][k];
                    s += diff * diff;
                }
                d[i][j] = d[j][i] = s;
            }
        }
        return d;
    }

    /**
     * The symmetric input similarities p_ij = (p_j|i + p_i|j) / 2n, each p_·|i a Gaussian around point i whose
     * width is found by bisection so that its entropy is log(perplexity).
     */
    static double[][] affinities(double[][] d2, double perplexity) {
        int n = d2.length;
        double target = Math.log(perplexity);
        double[][] cond = new double[n][n];
        for (int i = 0; i < n; i++) {
            double beta = 1, lo = 0, hi = Double.POSITIVE_INFINITY;
            for (int tries = 0; tries < 100; tries++) {
                double entropy = row(d2[i], i, beta, cond[i]);
                if (Math.abs(entropy - target) < 1e-5) break;
                if (entropy > target) { // too flat: narrow the Gaussian
                    lo = beta;
                    beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
        }
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) p[i][j] = Math.max((cond[i][j] + cond[j][i]) / (2.0 * n), 1e-12);
        }
        return p;
    }

    /** Fills out with the Gaussian similarities of point i at precision beta; returns their entropy. */
    private static double row(double[] d2, int i, double beta, double[] out) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < d2.length; j++) if (j != i) min = Math.min(min, d2[j]);
        double sum = 0;
        for (int j = 0; j < d2.length; j++) {
            out[j] = j == i ? 0 : Math.exp(-beta * (d2[j] - min)); // shifted by the nearest: no underflow to all zeros
            sum += out[j];
        }
        double entropy = 0;
        for (int j = 0; j < d2.length; j++) {
            out[j] /= sum;
            if (out[j] > 0) entropy -= out[j] * Math.log(out[j]);
        }
        return entropy;
    }

    private static void centre(double[][] y) {
        double mx = 0, my = 0;
        for (double[] r : y) {
            mx += r[0];
            my += r[1];
        }
        mx /= y.length;
        my /= y.length;
        for (double[] r : y) {
            r[0] -= mx;
            r[1] -= my;
        }
    }
}
