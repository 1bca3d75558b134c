package nextword.lab.meaning;

/**
 * Eigenvalues and eigenvectors of a small real symmetric matrix by cyclic Jacobi rotations: each rotation
 * zeroes one off-diagonal pair, and sweeps repeat until the off-diagonal part is negligible. Slow for big
 * matrices (O(m³) per sweep) but exact to rounding and simple; PCA only ever needs it for the smaller of
 * (points × points) and (dimensions × dimensions).
 *
 * @param values  eigenvalues, largest first
 * @param vectors vectors[i] is the unit eigenvector of values[i], its largest-magnitude entry positive
 *                (a fixed sign, so that the same input always gives the same picture)
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    private static final int MAX_SWEEPS = 100;

    /** Decomposes the symmetric matrix a (m × m; only its symmetric part is used; a is not changed). */
    public static SymmetricEigen of(double[][] a) {
        int m = a.length;
        double[][] s = new double[m][];
        for (int i = 0; i < m; i++) {
            if (a[i].length != m) throw new IllegalArgumentException("not a square matrix: row " + i + " has " + a[i].length + " of " + m);
            s[i] = a[i].clone();
        }
        double[][] v = new double[m][m];
        for (int i = 0; i < m; i++) v[i][i] = 1;
        double scale = 0;
        for (double[] row : s) for (double x : row) scale += x * x;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < m; p++) for (int q = p + 1; q < m; q++) off += s[p][q] * s[p][q];
            if (off <= 1e-30 * scale || off == 0) break;
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    if (Math.abs(s[p][q]) > 1e-300) rotate(s, v, p, q);
                }
            }
        }
        return sorted(s, v);
    }

    /** Applies the rotation J in the (p, q) plane that zeroes s[p][q]: s ← Jᵀ s J, v ← v J. */
    private static void rotate(double[][] s, double[][] v, int p, int q) {
        double theta = (s[q][q] - s[p][p]) / (2 * s[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1);
        double sn = t * c;
        int m = s.length;
        for (int k = 0; k < m; k++) { // columns p and q of s·J
            double kp = s[k][p], kq = s[k][q];
            s[k][p] = c * kp - sn * kq;
            s[k][q] = sn * kp + c * kq;
        }
        for (int k = 0; k < m; k++) { // rows p and q of Jᵀ·(s·J)
            double pk = s[p][k], qk = s[q][k];
            s[p][k] = c * pk - sn * qk;
            s[q][k] = sn * pk + c * qk;
        }
        s[p][q] = s[q][p] = 0;
        for (int k = 0; k < m; k++) {
            double kp = v[k][p], kq = v[k][q];
            v[k][p] = c * kp - sn * kq;
            v[k][q] = sn * kp + c * kq;
        }
    }

    private static SymmetricEigen sorted(double[][] s, double[][] v) {
        int m = s.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(s[j][j], s[i][i]));
        double[] values = new double[m];
        double[][] vectors = new double[m][m];
        for (int r = 0; r < m; r++) {
            int col = order[r];
            values[r] = s[col][col];
            int biggest = 0;
            for (int k = 0; k < m; k++) {
                vectors[r][k] = v[k][col];
                if (Math.abs(v[k][col]) > Math.abs(v[biggest][col])) biggest = k;
            }
            if (vectors[r][biggest] < 0) for (int k = 0; k < m; k++) vectors[r][k] = -vectors[r][k];
        }
        return new SymmetricEigen(values, vectors);
    }
}
