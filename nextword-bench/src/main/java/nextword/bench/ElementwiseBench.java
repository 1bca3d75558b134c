package nextword.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The non-matmul kernels at GPT-2 (124M) training sizes: B·T = 1024 positions of C = 768, a 3072-wide MLP,
 * a 50257-token vocabulary. {@code kernels=scalar} runs the specification for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ElementwiseBench extends KernelBenchmark {

    private static final int BT = 1024, C = 768, V = 50257, CE_ROWS = 64, PARAMS = 10_000_000;

    @Param({"panama", "scalar"})
    public String kernels;

    private KernelOps ops;
    private float[] x, out, mean, rstd, gamma, beta, mlp, mlpOut, logits, dlogits, losses, row;
    private float[] p, g, m, v;
    private int[] targets;

    @Setup(Level.Trial)
    public void setup() {
        ops = kernels.equals("scalar") ? new nextword.kernels.ScalarKernels() : Kernels.ops();
        SplittableRandom rng = new SplittableRandom(7);
        x = random(rng, BT * C, 2);
        out = new float[BT * C];
        mean = new float[BT];
        rstd = new float[BT];
        gamma = random(rng, C, 1);
        beta = random(rng, C, 1);
        mlp = random(rng, BT * 4 * C, 3);
        mlpOut = new float[BT * 4 * C];
        logits = random(rng, CE_ROWS * V, 4);
        dlogits = new float[CE_ROWS * V];
        losses = new float[CE_ROWS];
        targets = new int[CE_ROWS];
        for (int i = 0; i < CE_ROWS; i++) targets[i] = rng.nextInt(V);
        row = random(rng, V, 4);
        p = random(rng, PARAMS, 1);
        g = random(rng, PARAMS, 1);
        m = new float[PARAMS];
        v = new float[PARAMS];
    }

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        return a;
    }

    /** One 50257-wide row, in place (the row is renormalised each call; its values stay in range). */
    @Benchmark
    public float[] softmaxVocabRow() {
        ops.softmax(row, 0, V);
        return row;
    }

    @Benchmark
    public float[] layerNorm1024x768() {
        ops.layerNorm(x, out, mean, rstd, gamma, beta, BT, C, 1e-5f);
        return out;
    }

    @Benchmark
    public float[] gelu1024x3072() {
        ops.gelu(mlp, 0, mlpOut, 0, BT * 4 * C);
        return mlpOut;
    }

    @Benchmark
    public float[] crossEntropy64x50257() {
        ops.crossEntropy(logits, targets, losses, dlogits, 1f / CE_ROWS, CE_ROWS, V);
        return dlogits;
    }

    @Benchmark
    public float[] adamw10M() {
        ops.adamw(p, g, m, v, 0, PARAMS, 6e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1);
        return p;
    }
}
