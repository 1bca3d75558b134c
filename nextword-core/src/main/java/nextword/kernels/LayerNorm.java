package nextword.kernels;

import static nextword.kernels.VectorLoops.F;
import static nextword.kernels.VectorLoops.L;

import jdk.incubator.vector.FloatVector;

/**
 * LayerNorm forward and backward. Rows are independent and run in parallel; the parameter gradients sum
 * over rows, by fixed blocks of rows and then over the blocks in order.
 */
final class LayerNorm {

    /** Floats per parallel task at least. */
    private static final int GRAIN = 16 * 1024;
    /** Rows per block of the backward pass's parameter-gradient sums. */
    private static final int ROWS = 32;
    /** The caller's block sums, kept between calls so that a training step allocates nothing. */
    private static final Scratch PARTIAL = new Scratch();

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
        // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), with dxhat = dout · γ. One pass over the
        // rows: each block of ROWS rows also sums its share of dγ and dβ into its own slot of partial, and the
        // slots are then added in block order. Blocks are fixed by the row count, so the sums are too.
        int blocks = (rows + ROWS - 1) / ROWS;
        float[] partial = PARTIAL.zeroed(2 * blocks * c); // per block: Σ xhat·dout (c), then Σ dout (c)
        Parallel.range(blocks, Math.max(1, GRAIN / Math.max(1, ROWS * c)), (lo, hi) -> {
            for (int blk = lo; blk < hi; blk++) {
                for (int r = blk * ROWS; r < Math.min(rows, (blk + 1) * ROWS); r++) {
                    rowGradients(dout, x, mean[r], rstd[r], gamma, dx, r * c, c, partial, 2 * blk * c);
                }
            }
        });
        for (int blk = 0; blk < blocks; blk++) {
            VectorLoops.fma1(1f, partial, 2 * blk * c, dgamma, 0, 0, c);
            VectorLoops.fma1(1f, partial, (2 * blk + 1) * c, dbeta, 0, 0, c);
        }
    }

    /** dx for the row at o, adding xhat·dout and dout to the block sums at p (dγ) and p + c (dβ). */
    private static void rowGradients(float[] dout, float[] x, float mu, float rs, float[] gamma, float[] dx, int o, int c,
                                     float[] partial, int p) {
        FloatVector muv = FloatVector.broadcast(F, mu);
        FloatVector sd = FloatVector.zero(F), sdx = sd;
        int i = 0;
        for (; i + L <= c; i += L) {
            FloatVector xhat = VectorLoops.load(x, o + i).sub(muv).mul(rs);
            FloatVector d = VectorLoops.load(dout, o + i);
            FloatVector dxhat = d.mul(VectorLoops.load(gamma, i));
            sd = sd.add(dxhat);
            sdx = dxhat.fma(xhat, sdx);
            xhat.fma(d, VectorLoops.load(partial, p + i)).intoArray(partial, p + i);
            VectorLoops.load(partial, p + c + i).add(d).intoArray(partial, p + c + i);
        }
        float meanD = VectorLoops.hsum(sd);
        float meanDX = VectorLoops.hsum(sdx);
        for (int j = i; j < c; j++) {
            float xhat = (x[o + j] - mu) * rs;
            float dxhat = dout[o + j] * gamma[j];
            meanD += dxhat;
            meanDX = Math.fma(dxhat, xhat, meanDX);
            partial[p + j] = Math.fma(xhat, dout[o + j], partial[p + j]);
            partial[p + c + j] += dout[o + j];
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
}
