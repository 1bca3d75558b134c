package nextword.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nextword.data.Corpus;
import nextword.data.CorpusReader;
import nextword.kernels.Parallel;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GPT-2 encoding: nextword's ByteLevelBpe against jtokkit's r50k_base (the same vocabulary) on the same
 * text in the same JVM, single-threaded; and a whole corpus encoded chunk by chunk on 1 and 2 threads, as
 * {@code nextword prepare} does. Time per operation; divide the text size by it for MB/s.
 *
 * <p>Run from the repository root (GPT-2's files and the texts come from ../shared, or -Dnextword.shared):
 * {@code java -jar nextword-bench/target/nextword-bench.jar TokenizerBench -f 1 -wi 3 -i 5 -w 2 -r 2}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class TokenizerBench {

    static Path shared() {
        return Path.of(System.getProperty("nextword.shared", "../shared"));
    }

    static List<String> chunks(Corpus corpus) throws IOException {
        List<String> out = new ArrayList<>();
        try (CorpusReader r = corpus.reader()) {
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) out.add(c.text());
        }
        return out;
    }

    /** One text, encoded whole by each encoder: tiny Shakespeare's first 1 MiB chunk, or the first 1 MiB of java.util's sources. */
    @State(Scope.Benchmark)
    public static class OneText {
        @Param({"shakespeare", "jdk"})
        String text;

        String value;
        Tokenizer nextword;
        Encoding jtokkit;

        @Setup
        public void setup() throws IOException {
            Corpus c = text.equals("jdk") ? Corpus.open(Corpus.JDK, "java.base/java/util/**.java")
                    : Corpus.open(shared().resolve("data/tinyshakespeare.txt"), null);
            StringBuilder sb = new StringBuilder();
            for (String chunk : chunks(c)) {
                if (sb.length() >= 1 << 20) break;
                sb.append(chunk);
            }
            value = sb.toString();
            nextword = Tokenizers.load(shared().resolve("data/gpt2").toString());
            jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
            int[] a = nextword.encode(value);
            int[] b = jtokkit.encodeOrdinary(value).toArray();
            if (!java.util.Arrays.equals(a, b)) throw new IllegalStateException("nextword and jtokkit disagree on " + text);
            System.out.printf("%n[%s: %d chars, %d tokens]%n", text, value.length(), a.length);
        }
    }

    @Benchmark
    public int[] nextwordText(OneText s) {
        return s.nextword.encode(s.value);
    }

    @Benchmark
    public Object jtokkitText(OneText s) {
        return s.jtokkit.encodeOrdinary(s.value);
    }

    /** java.base's java/lang and java/util sources (about 18 MB), as the chunks prepare would encode. */
    @State(Scope.Benchmark)
    public static class WholeCorpus {
        @Param({"1", "2"})
        int threads;

        List<String> chunks;
        Tokenizer nextword;
        Encoding jtokkit;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            chunks = chunks(Corpus.open(Corpus.JDK, "java.base/java/{lang,util}/**.java"));
            nextword = Tokenizers.load(shared().resolve("data/gpt2").toString());
            jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
            Parallel.setThreads(threads);
            long chars = chunks.stream().mapToLong(String::length).sum();
            System.out.printf("%n[corpus: %d chunks, %d chars, %d threads]%n", chunks.size(), chars, threads);
        }
    }

    @Benchmark
    public void nextwordCorpus(WholeCorpus s, Blackhole bh) {
        int[][] out = new int[s.chunks.size()][];
        Parallel.range(s.chunks.size(), 1, (from, to) -> {
            for (int k = from; k < to; k++) out[k] = s.nextword.encode(s.chunks.get(k));
        });
        bh.consume(out);
    }

    @Benchmark
    public void jtokkitCorpus(WholeCorpus s, Blackhole bh) {
        if (s.threads != 1) return;  // the peer is measured single-threaded only
        for (String c : s.chunks) bh.consume(s.jtokkit.encodeOrdinary(c));
    }
}
