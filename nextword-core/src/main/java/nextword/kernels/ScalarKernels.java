package nextword.kernels;

/** The plain-loop specification of every kernel. Slow on purpose: obviously right beats fast here. */
public final class ScalarKernels implements KernelOps {

    static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    static final float GELU_CUBIC = 0.044715f;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void matmul(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ao + i * k + p] * b[bo + p * n + j];
                c[co + i * n + j] = accumulate ? c[co + i * n + j] + s : s;
            }
        }
    }

    @Override
    public void matmulTransB(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ao + i * k + p] * b[bo + j * k + p];
                c[co + i * n + j] = accumulate ? c[co + i * n + j] + s : s;
            }
        }
    }

    @Override
    public void matmulTransA(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ao + p * m + i] * b[bo + p * n + j];
                c[co + i * n + j] = accumulate ? c[co + i * n + j] + s : s;
            }
        }
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override
    public void scale(float[] x, int xo, float alpha, int n) {
        for (int i = 0; i < n; i++) x[xo + i] *= alpha;
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += x[xo + i];
        return s;
    }

    @Override
    public void addToRows(float[] v, int vo, float[] y, int yo, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) y[yo + r * n + j] += v[vo + j];
        }
    }

    @Override
    public void columnSums(float[] x, int xo, int rows, int n, float[] out, int oo) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) out[oo + j] += x[xo + r * n + j];
        }
    }

    @Override
    public float max(float[] x, int xo, int n) {
        float mx = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) mx = Math.max(mx, x[xo + i]);
        return mx;
    }

    @Override
    public void softmax(float[] x, int xo, int n) {
        float mx = max(x, xo, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - mx);
            x[xo + i] = e;
            s += e;
        }
        float inv = 1f / s;
        for (int i = 0; i < n; i++) x[xo + i] *= inv;
    }

    @Override
    public void logSoftmax(float[] x, int xo, float[] out, int oo, int n) {
        float mx = max(x, xo, n);
        float s = 0f;
        for (int i = 0; i < n; i++) s += (float) Math.exp(x[xo + i] - mx);
        float logZ = mx + (float) Math.log(s);
        for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] - logZ;
    }

    @Override
    public void layerNorm(float[] x, float[] out, float[] mean, float[] rstd, float[] gamma, float[] beta,
                          int rows, int c, float eps) {
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            float mu = 0f;
            for (int i = 0; i < c; i++) mu += x[o + i];
            mu /= c;
            float var = 0f;
            for (int i = 0; i < c; i++) {
                float d = x[o + i] - mu;
                var += d * d;
            }
            var /= c;
            float rs = (float) (1.0 / Math.sqrt(var + eps));
            for (int i = 0; i < c; i++) out[o + i] = (x[o + i] - mu) * rs * gamma[i] + beta[i];
            mean[r] = mu;
            rstd[r] = rs;
        }
    }

    @Override
    public void layerNormBackward(float[] dout, float[] x, float[] mean, float[] rstd, float[] gamma,
                                  float[] dx, float[] dgamma, float[] dbeta, int rows, int c) {
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            float mu = mean[r];
            float rs = rstd[r];
            // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), with dxhat = dout · γ
            float meanD = 0f;
            float meanDX = 0f;
            for (int i = 0; i < c; i++) {
                float xhat = (x[o + i] - mu) * rs;
                float dxhat = dout[o + i] * gamma[i];
                meanD += dxhat;
                meanDX += dxhat * xhat;
            }
            meanD /= c;
            meanDX /= c;
            for (int i = 0; i < c; i++) {
                float xhat = (x[o + i] - mu) * rs;
                float dxhat = dout[o + i] * gamma[i];
                dbeta[i] += dout[o + i];
                dgamma[i] += xhat * dout[o + i];
                dx[o + i] += rs * (dxhat - meanD - xhat * meanDX);
            }
        }
    }

    @Override
    public void gelu(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            float u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
            out[oo + i] = 0.5f * v * (1f + (float) Math.tanh(u));
        }
    }

    @Override
    public void geluBackward(float[] x, int xo, float[] dout, int doo, float[] dx, int dxo, int n) {
        for (int i = 0; i < n; i++) dx[dxo + i] += geluSlope(x[xo + i]) * dout[doo + i];
    }

    @Override
    public void geluGradientInPlace(float[] x, int xo, float[] d, int dof, int n) {
        for (int i = 0; i < n; i++) d[dof + i] = geluSlope(x[xo + i]) * d[dof + i];
    }

    /** gelu'(v) of the tanh form. */
    private static float geluSlope(float v) {
        float u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
        float t = (float) Math.tanh(u);
        float sech2 = 1f - t * t;
        float du = SQRT_2_OVER_PI * (1f + 3f * GELU_CUBIC * v * v);
        return 0.5f * (1f + t) + 0.5f * v * sech2 * du;
    }

    @Override
    public void attention(float[] qkv, float[] out, float[] att, int b, int t, int c, int nh) {
        int hs = c / nh;
        float scale = (float) (1.0 / Math.sqrt(hs));
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < nh; h++) {
                for (int i = 0; i < t; i++) {
                    int q = (bi * t + i) * 3 * c + h * hs;
                    int a = ((bi * nh + h) * t + i) * t;
                    for (int s = 0; s <= i; s++) {
                        int k = (bi * t + s) * 3 * c + c + h * hs;
                        att[a + s] = dot(qkv, q, qkv, k, hs) * scale;
                    }
                    softmax(att, a, i + 1);
                    java.util.Arrays.fill(att, a + i + 1, a + t, 0f);
                    int o = (bi * t + i) * c + h * hs;
                    java.util.Arrays.fill(out, o, o + hs, 0f);
                    for (int s = 0; s <= i; s++) {
                        int v = (bi * t + s) * 3 * c + 2 * c + h * hs;
                        axpy(att[a + s], qkv, v, out, o, hs);
                    }
                }
            }
        }
    }

    @Override
    public void attentionBackward(float[] dout, float[] qkv, float[] att, float[] dqkv, int b, int t, int c, int nh) {
        int hs = c / nh;
        float scale = (float) (1.0 / Math.sqrt(hs));
        float[] datt = new float[t];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < nh; h++) {
                for (int i = 0; i < t; i++) {
                    int q = (bi * t + i) * 3 * c + h * hs;
                    int a = ((bi * nh + h) * t + i) * t;
                    int o = (bi * t + i) * c + h * hs;
                    // out = Σ att·v: gradients flow to att and to v
                    float weighted = 0f;
                    for (int s = 0; s <= i; s++) {
                        int v = (bi * t + s) * 3 * c + 2 * c + h * hs;
                        datt[s] = dot(dout, o, qkv, v, hs);
                        axpy(att[a + s], dout, o, dqkv, v, hs);
                        weighted += att[a + s] * datt[s];
                    }
                    // through the softmax, then the scaled dot products q·k
                    for (int s = 0; s <= i; s++) {
                        int k = (bi * t + s) * 3 * c + c + h * hs;
                        float dpre = att[a + s] * (datt[s] - weighted) * scale;
                        axpy(dpre, qkv, k, dqkv, q, hs);
                        axpy(dpre, qkv, q, dqkv, k, hs);
                    }
                }
            }
        }
    }

    @Override
    public void embeddingGather(float[] table, int[] ids, float[] out, int c) {
        for (int i = 0; i < ids.length; i++) System.arraycopy(table, ids[i] * c, out, i * c, c);
    }

    @Override
    public void embeddingScatterAdd(float[] dtable, int[] ids, float[] dout, int c) {
        for (int i = 0; i < ids.length; i++) {
            int row = ids[i] * c;
            for (int j = 0; j < c; j++) dtable[row + j] += dout[i * c + j];
        }
    }

    @Override
    public void crossEntropy(float[] logits, int[] targets, float[] losses, float[] dlogits, float dscale, int rows, int v) {
        for (int r = 0; r < rows; r++) {
            int o = r * v;
            int t = targets[r];
            if (t >= v) throw new IllegalArgumentException("crossEntropy: target " + t + " of row " + r + " is outside the " + v + " classes");
            if (t < 0) {
                losses[r] = 0f;
                if (dlogits != null) java.util.Arrays.fill(dlogits, o, o + v, 0f);
                continue;
            }
            float mx = max(logits, o, v);
            double s = 0;
            for (int i = 0; i < v; i++) s += Math.exp(logits[o + i] - mx);
            float logZ = mx + (float) Math.log(s);
            losses[r] = logZ - logits[o + t];
            if (dlogits != null) {
                for (int i = 0; i < v; i++) dlogits[o + i] = (float) Math.exp(logits[o + i] - logZ) * dscale;
                dlogits[o + t] -= dscale;
            }
        }
    }

    @Override
    public void adamw(float[] p, float[] g, float[] m, float[] v, int offset, int n,
                      float lr, float b1, float b2, float eps, float wd, int t) {
        float c1 = 1f - (float) Math.pow(b1, t);
        float c2 = 1f - (float) Math.pow(b2, t);
        for (int i = offset; i < offset + n; i++) {
            p[i] -= lr * wd * p[i];
            m[i] = b1 * m[i] + (1f - b1) * g[i];
            v[i] = b2 * v[i] + (1f - b2) * g[i] * g[i];
            float mhat = m[i] / c1;
            float vhat = v[i] / c2;
            p[i] -= lr * mhat / ((float) Math.sqrt(vhat) + eps);
        }
    }
}
