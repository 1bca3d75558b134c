package nextword.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import nextword.ngram.NgramCounter;
import nextword.ngram.NgramCounts;
import nextword.ngram.NgramText;
import nextword.ngram.NgramText.Segment;
import nextword.tokenize.Tokenizer;

/** Corpus → tokenizer → ids → counts, timed, with progress on stderr: what count, train, generate and plot share. */
final class NgramPipeline {

    /** The text read, its tokenizer and the ids of the chosen split. */
    record Prepared(NgramText.Options options, List<Segment> segments, Tokenizer tokenizer, List<int[]> ids, long tokens, double seconds) {}

    /** Counts and how long counting took: wall-clock seconds, and CPU seconds of the counting thread (steadier on a busy machine). */
    record Counted(NgramCounts counts, long tableBytes, double seconds, double cpuSeconds) {
        double tokensPerSecond() {
            return counts.tokens() / seconds;
        }
    }

    private NgramPipeline() {}

    static Prepared prepare(NgramTextOptions text, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        NgramText.Options options = text.options();
        log.printf("reading %s…%n", text.name());
        List<Segment> segments = text.read(options);
        log.printf("tokenizing %d segments into %ss…%n", segments.size(), options.unit().name().toLowerCase(java.util.Locale.ROOT));
        Tokenizer tokenizer = NgramText.tokenizer(options, segments, text.split(), text.vocab);
        List<int[]> ids = NgramText.encode(tokenizer, NgramText.select(segments, text.split()));
        long tokens = 0;
        for (int[] s : ids) tokens += s.length;
        if (tokens == 0) throw new IllegalArgumentException("the " + text.split + " part of " + text.name() + " holds no " + options.unit().name().toLowerCase(java.util.Locale.ROOT) + "s");
        return new Prepared(options, segments, tokenizer, ids, tokens, (System.nanoTime() - t0) / 1e9);
    }

    static Counted count(Prepared p, int order, PrintStream log) {
        if (order < 1 || order > 12) throw new IllegalArgumentException("--order must be 1…12, got " + order);
        log.printf("counting %,d tokens, orders 1…%d…%n", p.tokens(), order);
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        NgramCounter counter = new NgramCounter(order, p.tokenizer().vocabSize());
        for (int[] s : p.ids()) counter.add(s);
        long tableBytes = counter.bytes();
        NgramCounts counts = counter.counts();
        Counted c = new Counted(counts, tableBytes, (System.nanoTime() - t0) / 1e9, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        log.printf("counted in %.2f s, %.2f s of CPU (%,.0f tokens/s)%n", c.seconds(), c.cpuSeconds(), c.tokensPerSecond());
        return c;
    }

    static long ngrams(NgramCounts counts) {
        long n = 0;
        for (int k = 1; k <= counts.order(); k++) n += counts.size(k);
        return n;
    }
}
