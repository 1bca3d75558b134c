package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * LayerNorm forward and backward. Rows are independent and run in parallel; the parameter gradients sum
 * over rows, so they run in parallel over columns instead, each column adding its rows in order.
 */
final class LayerNorm {

    /** Floats per parallel task at least. */
    private static final int GRAIN = 16 * 1024;
    /** Columns per task in the parameter-gradient pass: a multiple of L, so tails depend on c alone. */
    private static final int COLUMNS = 4 * L;

    private LayerNorm() {}

    static void forward(float[] x, float[] out, float[] mean, float[] rstd, float[] gamma, float[] beta,
                        int rows, int c, float eps) {
        int grain = Math.max(1, GRAIN / Math.max(1, c));
        if (rows <= grain) {
            // one task: no lambda, so that decoding's single rows allocate nothing
            forwardRows(x, out, mean, rstd, gamma, beta, c, eps, 0, rows);
        } else {
            Parallel.range(rows, grain, (lo, hi) -> forwardRows(x, out, mean, rstd, gamma, beta, c, eps, lo, hi));
        }
    }

    private static void forwardRows(float[] x, float[] out, float[] mean, float[] rstd, float[] gamma, float[] beta,
                                    int c, float eps, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            int o = r * c;
            float mu = VectorLoops.sum(x, o, c) / c;
            float rs = (float) (1.0 / Math.sqrt(sumSquaredDeviation(x, o, c, mu) / c + eps));
            FloatVector muv = FloatVector.broadcast(F, mu);
            int i = 0;
            for (; i + L <= c; i += L) {
                VectorLoops.load(x, o + i).sub(muv).mul(rs).mul(VectorLoops.load(gamma, i))
                        .add(VectorLoops.load(beta, i)).intoArray(out, o + i);
            }
            for (; i < c; i++) out[o + i] = (x[o + i] - mu) * rs * gamma[i] + beta[i];
            mean[r] = mu;
            rstd[r] = rs;
        }
    }

    private static float sumSquaredDeviation(float[] x, int o, int c, float mu) {
        FloatVector muv = FloatVector.broadcast(F, mu);
        FloatVector s = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= c; i += L) {
            FloatVector d = VectorLoops.load(x, o + i).sub(muv);
            s = d.fma(d, s);
        }
        float sum = VectorLoops.hsum(s);
        for (; i < c; i++) {
            float d = x[o + i] - mu;
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    static void backward(float[] dout, float[] x, float[] mean, float[] rstd, float[] gamma,
                         float[] dx, float[] dgamma, float[] dbeta, int rows, int c) {
        // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), with dxhat = dout · γ
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, c)), (lo, hi) -> {
            for (int r = lo; r < hi; r++) inputGradient(dout, x, mean[r], rstd[r], gamma, dx, r * c, c);
        });
        Parallel.range((c + COLUMNS - 1) / COLUMNS, Math.max(1, GRAIN / Math.max(1, rows * COLUMNS)), (lo, hi) -> {
            for (int j0 = lo * COLUMNS; j0 < Math.min(hi * COLUMNS, c); j0 += L) {
                parameterGradients(dout, x, mean, rstd, dgamma, dbeta, rows, c, j0, F.indexInRange(j0, c));
            }
        });
    }

    private static void inputGradient(float[] dout, float[] x, float mu, float rs, float[] gamma, float[] dx, int o, int c) {
        FloatVector muv = FloatVector.broadcast(F, mu);
        FloatVector sd = FloatVector.zero(F), sdx = sd;
        int i = 0;
        for (; i + L <= c; i += L) {
            FloatVector xhat = VectorLoops.load(x, o + i).sub(muv).mul(rs);
            FloatVector dxhat = VectorLoops.load(dout, o + i).mul(VectorLoops.load(gamma, i));
            sd = sd.add(dxhat);
            sdx = dxhat.fma(xhat, sdx);
        }
        float meanD = VectorLoops.hsum(sd);
        float meanDX = VectorLoops.hsum(sdx);
        for (int j = i; j < c; j++) {
            float xhat = (x[o + j] - mu) * rs;
            float dxhat = dout[o + j] * gamma[j];
            meanD += dxhat;
            meanDX = Math.fma(dxhat, xhat, meanDX);
        }
        meanD /= c;
        meanDX /= c;
        FloatVector md = FloatVector.broadcast(F, meanD);
        for (i = 0; i + L <= c; i += L) {
            FloatVector xhat = VectorLoops.load(x, o + i).sub(muv).mul(rs);
            FloatVector dxhat = VectorLoops.load(dout, o + i).mul(VectorLoops.load(gamma, i));
            FloatVector g = dxhat.sub(md).sub(xhat.mul(meanDX)).mul(rs);
            g.add(VectorLoops.load(dx, o + i)).intoArray(dx, o + i);
        }
        for (; i < c; i++) {
            float xhat = (x[o + i] - mu) * rs;
            float dxhat = dout[o + i] * gamma[i];
            dx[o + i] += rs * (dxhat - meanD - xhat * meanDX);
        }
    }

    /** dgamma, dbeta += the sums over rows for the (masked) L columns at j0. */
    private static void parameterGradients(float[] dout, float[] x, float[] mean, float[] rstd, float[] dgamma,
                                           float[] dbeta, int rows, int c, int j0, VectorMask<Float> m) {
        FloatVector g = FloatVector.zero(F), bsum = g;
        for (int r = 0; r < rows; r++) {
            int o = r * c + j0;
            FloatVector d = FloatVector.fromArray(F, dout, o, m);
            FloatVector xhat = FloatVector.fromArray(F, x, o, m).sub(mean[r]).mul(rstd[r]);
            bsum = bsum.add(d);
            g = xhat.fma(d, g);
        }
        FloatVector.fromArray(F, dgamma, j0, m).add(g).intoArray(dgamma, j0, m);
        FloatVector.fromArray(F, dbeta, j0, m).add(bsum).intoArray(dbeta, j0, m);
    }
}
