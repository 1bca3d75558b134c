package nextword.lab.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PCA and t-SNE against answers known in advance. */
class ProjectionTest {

    /** A random orthogonal matrix (rows orthonormal), by Gram–Schmidt on Gaussian rows. */
    static double[][] orthogonal(int m, SplittableRandom r) {
        double[][] q = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) q[i][j] = r.nextGaussian();
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < m; j++) dot += q[i][j] * q[p][j];
                for (int j = 0; j < m; j++) q[i][j] -= dot * q[p][j];
            }
            double norm = 0;
            for (double x : q[i]) norm += x * x;
            for (int j = 0; j < m; j++) q[i][j] /= Math.sqrt(norm);
        }
        return q;
    }

    @Test
    void jacobiFindsTheEigenpairsOfAMatrixBuiltFromThem() {
        int m = 7;
        double[] values = {9, 5, 4, 2.5, 1, -0.5, -3};
        double[][] q = orthogonal(m, new SplittableRandom(3));
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) for (int k = 0; k < m; k++) a[i][j] += q[k][i] * values[k] * q[k][j];
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(values, e.values(), 1e-10);
        for (int k = 0; k < m; k++) {
            double dot = 0;
            for (int j = 0; j < m; j++) dot += e.vectors()[k][j] * q[k][j];
            assertEquals(1, Math.abs(dot), 1e-9, "eigenvector " + k + " is the planted one, up to sign");
        }
    }

    /** Points spread by known standard deviations along the rows of a known rotation. */
    static double[][] cloud(int n, double[] sd, double[][] axes, SplittableRandom r) {
        int d = axes[0].length;
        double[][] x = new double[n][d];
        for (double[] p : x) {
            for (int k = 0; k < sd.length; k++) {
                double c = sd[k] * r.nextGaussian();
                for (int j = 0; j < d; j++) p[j] += c * axes[k][j];
            }
            for (int j = 0; j < d; j++) p[j] += 5; // an offset PCA must remove
        }
        return x;
    }

    @Test
    void pcaRecoversThePlantedDirectionsAndVariances() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] axes = orthogonal(6, r);
        double[] sd = {10, 4, 1, 0.1, 0.1, 0.1};
        double[][] x = cloud(4000, sd, axes, r);
        Pca pca = Pca.fit(x, 3);
        for (int k = 0; k < 3; k++) {
            double dot = 0;
            for (int j = 0; j < 6; j++) dot += pca.components()[k][j] * axes[k][j];
            assertEquals(1, Math.abs(dot), 2e-3, "component " + k);
            assertEquals(sd[k] * sd[k], pca.variances()[k], 0.06 * sd[k] * sd[k], "variance " + k);
        }
        assertTrue(pca.explained(0) > 0.8 && pca.explained(0) < 0.9, "PC1 explains 100/117 of the variance: " + pca.explained(0));
    }

    @Test
    void fewPointsInManyDimensionsGiveTheSameProjectionAsTheCovarianceRoute() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 12, d = 40;
        double[][] x = new double[n][d];
        for (double[] p : x) for (int j = 0; j < d; j++) p[j] = r.nextGaussian() * (1 + j % 5);
        double[][] viaGram = Pca.fit(x, 3).project(x);           // n < d: the Gram matrix route
        double[][] doubled = new double[4 * n][];
        for (int i = 0; i < doubled.length; i++) doubled[i] = x[i % n];
        double[][] viaCov = Pca.fit(doubled, 3).project(x);      // 48 points ≥ 40 dims: the covariance route
        for (int i = 0; i < n; i++) assertArrayEquals(viaCov[i], viaGram[i], 1e-3, "point " + i);
    }

    @Test
    void pcaRefusesImpossibleRequests() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}}, 1));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}, {3, 4}}, 3));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, Double.NaN}, {3, 4}}, 1));
    }

    @Test
    void tsneKeepsSeparateClustersSeparateAndIsReproducible() {
        SplittableRandom r = new SplittableRandom(2);
        int perCluster = 25, clusters = 4, d = 20;
        double[][] x = new double[perCluster * clusters][d];
        for (int c = 0; c < clusters; c++) {
            double[] centre = new double[d];
            for (int j = 0; j < d; j++) centre[j] = 8 * r.nextGaussian();
            for (int i = 0; i < perCluster; i++) for (int j = 0; j < d; j++) x[c * perCluster + i][j] = centre[j] + r.nextGaussian();
        }
        Tsne tsne = new Tsne(15, 500, 100, 7);
        double[][] y = tsne.embed(x);
        // Every point's nearest neighbour in the plane belongs to its own cluster.
        for (int i = 0; i < x.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                double dd = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (j != i && dd < bestD) {
                    bestD = dd;
                    best = j;
                }
            }
            assertEquals(i / perCluster, best / perCluster, "nearest neighbour of point " + i);
        }
        // And the clusters are apart: each centroid is further from the others than its points spread.
        double[][] centroid = new double[clusters][2];
        for (int i = 0; i < x.length; i++) for (int k = 0; k < 2; k++) centroid[i / perCluster][k] += y[i][k] / perCluster;
        double spread = 0;
        for (int i = 0; i < x.length; i++) spread = Math.max(spread, Math.hypot(y[i][0] - centroid[i / perCluster][0], y[i][1] - centroid[i / perCluster][1]));
        for (int a = 0; a < clusters; a++) {
            for (int b = a + 1; b < clusters; b++) {
                assertTrue(Math.hypot(centroid[a][0] - centroid[b][0], centroid[a][1] - centroid[b][1]) > spread, "clusters " + a + " and " + b);
            }
        }
        assertTrue(java.util.Arrays.deepEquals(y, tsne.embed(x)), "same seed, same picture");
    }
}
