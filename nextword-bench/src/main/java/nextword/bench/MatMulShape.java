package nextword.bench;

import java.util.SplittableRandom;
import nextword.kernels.KernelOps;

/**
 * One matmul to measure: a form, m rows, and GPT-2's (k, n) for a layer. Shared by the JMH benchmark and
 * the GFLOP/s table so that both time exactly the same call.
 */
record MatMulShape(Form form, int m, int k, int n) {

    /** c = a·b, a·bᵀ or aᵀ·b. */
    enum Form { AB, ABt, AtB }

    /** "768x3072" → (k, n). */
    static MatMulShape parse(Form form, int m, String kn) {
        String[] p = kn.split("x");
        if (p.length != 2) throw new IllegalArgumentException("shape must be KxN, like 768x3072: " + kn);
        return new MatMulShape(form, m, Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    double flops() {
        return 2.0 * m * k * n;
    }

    /** Operands for this shape, seeded: a, b and c. */
    float[][] operands(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rng.nextDouble() - 0.5);
        for (int i = 0; i < b.length; i++) b[i] = (float) (rng.nextDouble() - 0.5);
        return new float[][]{a, b, c};
    }

    void run(KernelOps ops, float[] a, float[] b, float[] c) {
        switch (form) {
            case AB -> ops.matmul(a, 0, b, 0, c, 0, m, k, n, false);
            case ABt -> ops.matmulTransB(a, 0, b, 0, c, 0, m, k, n, false);
            case AtB -> ops.matmulTransA(a, 0, b, 0, c, 0, m, k, n, false);
        }
    }

    @Override
    public String toString() {
        return form + " m=" + m + " " + k + "x" + n;
    }
}
