package nextword.infer;

import java.util.SplittableRandom;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * A flat picture of the space tokens live in (the essay's "meaning space"): the two directions along which
 * the token embeddings differ most — their first two principal components — found once per model from an
 * evenly spaced sample of the vocabulary. Any vector of the model's width can then be placed on the plane:
 * a token's embedding, or the state the model reaches at a position of a text. Immutable and thread-safe.
 */
public final class MeaningSpace {

    /** Vocabulary rows the axes are computed from (all of a small vocabulary). */
    static final int SAMPLE = 4096;
    private static final int ITERATIONS = 60;

    private final ModelWeights w;
    private final float[] mean; // (C) the sample's mean embedding
    private final float[] x;    // (C) first axis, unit length
    private final float[] y;    // (C) second axis, unit length, orthogonal to x

    private MeaningSpace(ModelWeights w, float[] mean, float[] x, float[] y) {
        this.w = w;
        this.mean = mean;
        this.x = x;
        this.y = y;
    }

    /** The axes of a model's embeddings: power iteration on the sample's covariance, seeded, so always the same. */
    public static MeaningSpace of(LanguageModel model) {
        ModelWeights w = model.weights();
        KernelOps ops = Kernels.ops();
        int c = w.config.width();
        int v = w.config.vocabSize();
        int n = Math.min(v, SAMPLE);
        float[] rows = new float[n * c]; // (n, C) centered sample
        float[] mean = new float[c];
        for (int i = 0; i < n; i++) {
            w.wte.weightsInto((int) ((long) i * v / n), rows, i * c);
            ops.axpy(1f / n, rows, i * c, mean, 0, c);
        }
        for (int i = 0; i < n; i++) ops.axpy(-1f, mean, 0, rows, i * c, c);
        SplittableRandom random = new SplittableRandom(0);
        float[] first = principal(rows, n, c, null, random);
        float[] second = principal(rows, n, c, first, random);
        return new MeaningSpace(w, mean, first, second);
    }

    /** The unit direction of greatest variance of rows (orthogonal to other when given): v ← Σ (r·v) r, repeated. */
    private static float[] principal(float[] rows, int n, int c, float[] other, SplittableRandom random) {
        KernelOps ops = Kernels.ops();
        float[] v = new float[c];
        for (int j = 0; j < c; j++) v[j] = (float) random.nextGaussian();
        float[] next = new float[c];
        for (int it = 0; it < ITERATIONS; it++) {
            if (other != null) ops.axpy(-ops.dot(v, 0, other, 0, c), other, 0, v, 0, c);
            normalize(v);
            java.util.Arrays.fill(next, 0f);
            for (int i = 0; i < n; i++) ops.axpy(ops.dot(rows, i * c, v, 0, c), rows, i * c, next, 0, c);
            System.arraycopy(next, 0, v, 0, c);
        }
        if (other != null) ops.axpy(-ops.dot(v, 0, other, 0, c), other, 0, v, 0, c);
        normalize(v);
        return v;
    }

    private static void normalize(float[] v) {
        double norm = Math.sqrt(Kernels.ops().dot(v, 0, v, 0, v.length));
        if (norm > 0) Kernels.ops().scale(v, 0, (float) (1 / norm), v.length);
    }

    /** Token id's embedding (C). */
    public float[] embedding(int id) {
        if (id < 0 || id >= w.config.vocabSize()) throw new IllegalArgumentException("token id " + id + " outside the vocabulary");
        float[] e = new float[w.config.width()];
        w.wte.weightsInto(id, e, 0);
        return e;
    }

    /**
     * Where vector v[o, o + C) lies on the plane: its direction away from the mean embedding (unit length, so
     * embeddings and states of different sizes compare) along each axis; both coordinates are in [−1, 1].
     */
    public float[] place(float[] v, int o) {
        KernelOps ops = Kernels.ops();
        int c = mean.length;
        float[] d = new float[c];
        System.arraycopy(v, o, d, 0, c);
        ops.axpy(-1f, mean, 0, d, 0, c); // d = v − mean
        normalize(d);
        return new float[] {ops.dot(d, 0, x, 0, c), ops.dot(d, 0, y, 0, c)};
    }

    /** The first and second axes (unit vectors of the model's width), for tests and scripts. */
    public float[][] axes() {
        return new float[][] {x.clone(), y.clone()};
    }
}
