package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.train.AdamW;
import nextword.train.Shards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Times training steps of a randomly initialized GPT on random tokens: forward, backward and an AdamW
 * update, exactly what the PyTorch baseline (shared/bench/gpt_torch.py) times.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time GPT training steps (random weights and tokens): ms/step, tokens/s, model FLOPs utilization.")
public final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "P", defaultValue = "gpt2", description = "Model size: tiny, mini, small, gpt2, gpt2-medium, … (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--vocab", paramLabel = "V", description = "Vocabulary size instead of the preset's (the small PyTorch baseline uses 65).")
    Integer vocab;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "4", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "64", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed steps first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "--peak-gflops", paramLabel = "G", description = "The machine's float32 peak, for MFU (default: estimated from /proc/cpuinfo).")
    Double peakGflops;

    @Option(names = "--json", description = "End with one JSON object on the last line.")
    boolean json;

    @Option(names = "--profile", description = "Also time every kernel call of the timed steps, by kernel and matrix shape.")
    boolean profile;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || warmup < 0 || batch < 1 || seq < 1) throw new IllegalArgumentException("--steps, --batch and --seq must be >= 1, --warmup >= 0");
        if (threads != null) Parallel.setThreads(threads);
        java.io.PrintWriter out = spec.commandLine().getOut();
        GptConfig config = GptConfig.preset(preset);
        if (vocab != null) config = config.withVocabSize(vocab);
        if (seq > config.contextLength()) config = config.withContextLength(seq);
        out.printf(Locale.ROOT, "bench train: %s (%.1fM parameters), batch %d×%d, kernels %s, %d threads%n",
                preset, config.parameterCount() / 1e6, batch, seq, Kernels.ops().name(), Parallel.threads());

        KernelProfile kernels = profile ? new KernelProfile(Kernels.ops()) : null;
        KernelOps ops = profile ? kernels.ops() : Kernels.ops();
        Gpt gpt = new Gpt(GptWeights.init(config, new SplittableRandom(1337)), ops);
        Shards shards = Shards.forModel(gpt, batch); // as `train` runs it
        if (shards.count() > 1) out.printf(Locale.ROOT, "data-parallel: %d shards of %d sequences, one per thread%n", shards.count(), batch / shards.count());
        AdamW adam = new AdamW(config, 0.9f, 0.999f, 1e-8f, 0f, ops);
        SplittableRandom data = new SplittableRandom(0);
        int[] inputs = new int[batch * seq];
        int[] targets = new int[batch * seq];
        double[] ms = new double[steps];
        double[] cpuMs = new double[steps];
        // CPU time of the whole process: on a shared machine it says what the step costs, wall time what it got.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int s = 0; s < warmup + steps; s++) {
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = data.nextInt(config.vocabSize());
                targets[i] = data.nextInt(config.vocabSize());
            }
            if (s == warmup && profile) kernels.record();
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            float loss = shards.forwardBackward(inputs, targets, batch, seq, 1f, false);
            adam.update(gpt.weights(), gpt.gradients(), 1e-4f);
            double took = (System.nanoTime() - t0) / 1e6;
            if (s >= warmup) {
                ms[s - warmup] = took;
                cpuMs[s - warmup] = (os.getProcessCpuTime() - c0) / 1e6;
            }
            out.printf(Locale.ROOT, "step %d%s loss %.4f %.1f ms%n", s, s < warmup ? " (warm-up)" : "", loss, took);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[steps / 2];
        double tokensPerSecond = batch * seq / (median / 1e3);
        double[] cpuSorted = cpuMs.clone();
        Arrays.sort(cpuSorted);
        double cpuMedian = cpuSorted[steps / 2];
        double achievedGflops = config.trainFlopsPerToken(seq) * tokensPerSecond / 1e9;
        double peak = peakGflops != null ? peakGflops : estimatePeakGflops(Parallel.threads());
        out.printf(Locale.ROOT, "RESULT train preset=%s B=%d T=%d steps=%d ms/step min %.1f median %.1f max %.1f tok/s median %.0f | %.1f GFLOP/s%s%n",
                preset, batch, seq, steps, sorted[0], median, sorted[steps - 1], tokensPerSecond, achievedGflops,
                peak > 0 ? String.format(Locale.ROOT, ", MFU %.1f%% of %.0f GFLOP/s peak", 100 * achievedGflops / peak, peak) : "");
        out.printf(Locale.ROOT, "CPU time per step: median %.1f ms over %d threads (%.1f ms if the threads shared it perfectly)%n",
                cpuMedian, Parallel.threads(), cpuMedian / Parallel.threads());
        if (profile) kernels.print(out, steps);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("preset", preset).put("vocab", config.vocabSize()).put("batch", batch).put("seq", seq).put("steps", steps);
            o.put("threads", Parallel.threads()).put("kernels", Kernels.ops().name()).put("shards", shards.count());
            o.put("ms_per_step", median).put("ms_per_step_min", sorted[0]).put("tokens_per_second", tokensPerSecond);
            o.put("cpu_ms_per_step", cpuMedian);
            o.put("gflops", achievedGflops);
            if (peak > 0) o.put("peak_gflops", peak).put("mfu", achievedGflops / peak);
            out.println(new ObjectMapper().writeValueAsString(o));
        }
        out.flush();
        return 0;
    }

    /**
     * threads × clock × float32 FLOPs per cycle (two FMA units: 64 with AVX-512, 32 with AVX2), from
     * /proc/cpuinfo; 0 when it cannot be read (MFU is then left out).
     */
    static double estimatePeakGflops(int threads) {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            double mhz = info.lines().filter(l -> l.startsWith("cpu MHz")).findFirst()
                    .map(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim())).orElse(0.0);
            int flopsPerCycle = info.contains(" avx512f") ? 64 : info.contains(" avx2") && info.contains(" fma") ? 32 : 8;
            return threads * mhz / 1e3 * flopsPerCycle;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
