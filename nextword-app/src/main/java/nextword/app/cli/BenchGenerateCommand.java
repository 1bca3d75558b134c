package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nextword.infer.DecodeProfile;
import nextword.infer.DecodeProfile.Stage;
import nextword.infer.LanguageModel;
import nextword.infer.Precision;
import nextword.infer.Session;
import nextword.kernels.Kernels;
import nextword.kernels.MemoryBandwidth;
import nextword.kernels.Parallel;
import nextword.model.GptConfig;
import nextword.model.Sampler;
import nextword.tokenize.CharTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Times generation with a KV cache on a randomly initialized GPT, exactly what the PyTorch baseline
 * (shared/bench/gpt_torch.py infer) times: a prompt processed at once, then single-token greedy steps.
 * Also times a long prompt (matrix-matrix speed) and the machine's memory bandwidth (the decoding bound).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Time generation (random weights, greedy, KV cache): prompt and decode tokens/s, %% of the memory-bandwidth bound.")
public final class BenchGenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "gpt2", description = "Model size: tiny, mini, small, gpt2, gpt2-medium, gpt2-large, gpt2-xl (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--int8", description = "8-bit weights (q8_0) instead of float32.")
    boolean int8;

    @Option(names = "--prompt", defaultValue = "16", description = "Prompt tokens (default: ${DEFAULT-VALUE}, as the PyTorch baseline).")
    int prompt;

    @Option(names = "--gen", defaultValue = "128", description = "Generated tokens per run (default: ${DEFAULT-VALUE}).")
    int gen;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs after one warm-up run (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--long-prompt", defaultValue = "512", description = "Tokens of the prompt timed for matrix-matrix speed (0: skip; default: ${DEFAULT-VALUE}).")
    int longPrompt;

    @Option(names = "--bandwidth-mb", description = "Buffer for the memory-bandwidth measurement after each run, MB (0: skip; default: the weight bytes one token reads).")
    Integer bandwidthMb;

    @Option(names = "--threads", description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "--profile", description = "Also show where a decoded token's time goes, stage by stage, and the rate each product reads its weights at.")
    boolean profile;

    @Option(names = "--json", description = "End with one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (prompt < 1 || gen < 1 || runs < 1 || longPrompt < 0 || (bandwidthMb != null && bandwidthMb < 0)) {
            throw new IllegalArgumentException("--prompt, --gen and --runs must be >= 1; --long-prompt and --bandwidth-mb >= 0");
        }
        if (threads != null) Parallel.setThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        GptConfig config = GptConfig.preset(preset);
        if (prompt + gen > config.contextLength() || longPrompt > config.contextLength()) {
            throw new IllegalArgumentException("prompt + gen and --long-prompt must fit the " + config.contextLength() + "-token context");
        }
        Precision precision = int8 ? Precision.Q8_0 : Precision.FLOAT32;
        out.printf(Locale.ROOT, "bench generate: %s (%.1fM parameters), %s, kernels %s, %d threads%n", preset,
                config.parameterCount() / 1e6, precision, Kernels.inference().name(), Parallel.threads());
        out.flush();
        // random weights: the tokenizer only has to fit the vocabulary, the prompt is random ids
        try (LanguageModel model = LanguageModel.random(config, 1337, precision, CharTokenizer.of("x"))) {
            return measure(out, model, config, precision);
        }
    }

    private int measure(PrintWriter out, LanguageModel model, GptConfig config, Precision precision) throws Exception {
        SplittableRandom random = new SplittableRandom(0);
        int[] ids = random.ints(Math.max(prompt, longPrompt), 0, config.vocabSize()).toArray();
        Session session = model.newSession(Math.max(prompt + gen, longPrompt));
        double[] prefillMs = new double[runs];
        double[] decodeTps = new double[runs];
        double[] bandwidths = new double[runs];
        double[] fractions = new double[runs];
        double[] cpuMs = new double[runs];
        long bytes = model.bytesPerToken();
        // the same working set as a token's: what the last-level cache keeps of it between passes counts for both
        long bandwidthBytes = bandwidthMb == null ? bytes : (long) bandwidthMb << 20;
        // CPU time of the whole process: on a shared machine it says what a token costs, wall time what it got
        // (with 2 threads it includes the team's spinning between loops; --threads 1 has none)
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        DecodeProfile stages = new DecodeProfile();
        double[] steals = new double[runs];
        for (int r = -1; r < runs; r++) {
            session.reset();
            if (r == 0 && profile) session.profile(stages); // the timed runs only
            long t0 = System.nanoTime();
            int next = Sampler.argmax(session.prefill(Arrays.copyOf(ids, prompt)));
            long prefilled = System.nanoTime();
            HostSteal.Sample s1 = HostSteal.sample();
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            for (int i = 0; i < gen; i++) next = Sampler.argmax(session.decode(next));
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            if (r < 0) continue; // warm-up: the JIT compiles the kernels
            steals[r] = HostSteal.fraction(s1, HostSteal.sample());
            cpuMs[r] = (c2 - c1) / 1e6 / gen;
            prefillMs[r] = (prefilled - t0) / 1e6;
            decodeTps[r] = gen / ((t2 - t1) / 1e9);
            // the bandwidth right after each run: on a shared machine it moves with the neighbours' load
            bandwidths[r] = bandwidthBytes > 0 ? MemoryBandwidth.read(bandwidthBytes, 4) : 0;
            fractions[r] = bandwidths[r] > 0 ? decodeTps[r] * bytes / bandwidths[r] : 0;
            out.printf(Locale.ROOT, "run %d: prefill %.1f ms, decode %.2f tok/s (%.1f CPU ms/token%s), then %.1f GB/s of memory bandwidth%n",
                    r, prefillMs[r], decodeTps[r], cpuMs[r], steals[r] >= 0 ? String.format(Locale.ROOT, ", host steal %.1f%%", 100 * steals[r]) : "",
                    bandwidths[r] / 1e9);
            out.flush();
        }
        double decode = median(decodeTps);
        double promptTps = prompt / (median(prefillMs) / 1e3);
        double bandwidth = median(bandwidths);
        double bound = bandwidth / bytes;
        double fraction = median(fractions);
        session.profile(null);

        double longTps = 0;
        double longGflops = 0;
        if (longPrompt > 0) {
            double[] ms = new double[Math.max(3, runs)]; // a half-second prompt: one sample is at the mercy of the neighbours
            for (int r = -1; r < ms.length; r++) {
                session.reset();
                long t0 = System.nanoTime();
                session.prefill(Arrays.copyOf(ids, longPrompt));
                if (r >= 0) ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            longTps = longPrompt / (median(ms) / 1e3);
            longGflops = promptFlops(config, longPrompt) / (median(ms) / 1e3) / 1e9;
        }
        double peak = BenchTrainCommand.estimatePeakGflops(Parallel.threads());

        out.printf(Locale.ROOT, "RESULT generate preset=%s precision=%s prompt=%d gen=%d decode tok/s median %.2f (%.1f ms/token) "
                        + "min %.2f max %.2f, %.1f CPU ms/token (median) | prompt %.0f tok/s%n",
                preset, precision, prompt, gen, decode, 1e3 / decode, min(decodeTps), max(decodeTps), median(cpuMs), promptTps);
        out.printf(Locale.ROOT, "weights read per token %.1f MB; memory bandwidth %.1f GB/s → bound %.1f tok/s; decode at %.0f%% of the bound (%.1f GB/s; median of the runs' ratios)%n",
                bytes / 1e6, bandwidth / 1e9, bound, 100 * fraction, decode * bytes / 1e9);
        if (profile) printProfile(out, stages, bandwidth);
        if (longPrompt > 0) {
            out.printf(Locale.ROOT, "long prompt %d tokens: %.0f tok/s, %.1f GFLOP/s%s%n", longPrompt, longTps, longGflops,
                    peak > 0 ? String.format(Locale.ROOT, " (%.0f%% of the %.0f GFLOP/s FMA peak)", 100 * longGflops / peak, peak) : "");
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("preset", preset).put("precision", precision.name().toLowerCase(Locale.ROOT)).put("prompt", prompt).put("gen", gen).put("runs", runs);
            o.put("threads", Parallel.threads()).put("kernels", Kernels.inference().name());
            o.put("decode_tokens_per_second", decode).put("decode_tokens_per_second_min", min(decodeTps)).put("decode_tokens_per_second_max", max(decodeTps));
            o.put("decode_cpu_ms_per_token", median(cpuMs));
            if (median(steals) >= 0) o.put("host_steal_fraction", median(steals));
            o.put("prompt_tokens_per_second", promptTps).put("prefill_ms", median(prefillMs));
            o.put("weight_bytes_per_token", bytes);
            if (bandwidth > 0) o.put("bandwidth_gb_per_second", bandwidth / 1e9).put("bound_tokens_per_second", bound).put("fraction_of_bound", fraction);
            if (longPrompt > 0) o.put("long_prompt", longPrompt).put("long_prompt_tokens_per_second", longTps).put("long_prompt_gflops", longGflops);
            if (peak > 0) o.put("peak_gflops", peak);
            out.println(new ObjectMapper().writeValueAsString(o));
        }
        out.flush();
        return 0;
    }

    /** The stages of a decoded token: time, share, and for the products the weights' bytes and reading rate. */
    private static void printProfile(PrintWriter out, DecodeProfile p, double bandwidth) {
        double total = 0;
        for (Stage s : Stage.values()) total += p.millisPerToken(s);
        out.printf(Locale.ROOT, "where a token's time goes (%d tokens):%n", p.tokens());
        out.printf(Locale.ROOT, "  ms/token  share  weights MB   GB/s%s  stage%n", bandwidth > 0 ? "  of bandwidth" : "");
        for (Stage s : Stage.values()) {
            double ms = p.millisPerToken(s), mb = p.bytesPerToken(s) / 1e6;
            String rate = mb > 0 ? String.format(Locale.ROOT, "%10.2f %6.1f", mb, mb / ms) : String.format(Locale.ROOT, "%10s %6s", "", "");
            String of = bandwidth > 0 ? (mb > 0 ? String.format(Locale.ROOT, "  %11.0f%%", 100 * (mb / ms) * 1e9 / bandwidth) : " ".repeat(14)) : "";
            out.printf(Locale.ROOT, "  %8.3f %5.1f%% %s%s  %s%n", ms, 100 * ms / total, rate, of, s.label);
        }
        out.printf(Locale.ROOT, "  %8.3f        (the products' rate is to the median bandwidth measured after the runs)%n", total);
    }

    /** Multiply-adds × 2 of a prompt of t tokens: the matrices (logits only for the last position) and attention. */
    static double promptFlops(GptConfig c, int t) {
        double w = c.width();
        double perToken = c.layers() * 12 * w * w;             // qkv 3C², proj C², fc 4C², proj 4C²
        double attention = c.layers() * 2 * w * t * (t + 1.0) / 2; // scores and weighted sums over the causal triangle
        return 2 * (perToken * t + attention) + 2.0 * c.vocabSize() * w;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(0);
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }
}
