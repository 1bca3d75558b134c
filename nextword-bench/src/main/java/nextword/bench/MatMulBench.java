package nextword.bench;

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
 * The three matmul forms on GPT-2's layer shapes. Score is ops/s; GFLOP/s = ops/s · 2·m·k·n / 10⁹
 * ({@link MatMulGflops} prints that table directly). Threads come from -Dnextword.threads (default: all cores).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatMulBench extends KernelBenchmark {

    @Param({"AB", "ABt", "AtB"})
    public String form;

    @Param({"1", "64", "256"})
    public int m;

    @Param({"768x768", "768x3072", "3072x768"})
    public String shape;

    private MatMulShape s;
    private KernelOps ops;
    private float[] a, b, c;

    @Setup(Level.Trial)
    public void setup() {
        s = MatMulShape.parse(MatMulShape.Form.valueOf(form), m, shape);
        ops = Kernels.ops();
        float[][] x = s.operands(42);
        a = x[0];
        b = x[1];
        c = x[2];
    }

    @Benchmark
    public float[] matmul() {
        s.run(ops, a, b, c);
        return c;
    }
}
