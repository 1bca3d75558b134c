package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import nextword.ngram.NgramCounts;
import nextword.tokenize.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Counts n-grams and reports how fast and how compactly. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Count every n-gram of orders 1…N; print sizes, speed (tokens/s), bytes per n-gram and the most common.")
public final class NgramCountCommand implements Callable<Integer> {

    @Mixin
    NgramTextOptions text;

    @Option(names = "--order", defaultValue = "3", paramLabel = "N", description = "Highest order counted (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "Show the K most common n-grams of the highest order (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        NgramPipeline.Prepared p = NgramPipeline.prepare(text, System.err);
        NgramPipeline.Counted c = NgramPipeline.count(p, order, System.err);
        NgramCounts counts = c.counts();
        long ngrams = NgramPipeline.ngrams(counts);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode()
                .put("corpus", text.name()).put("unit", p.options().unit().name().toLowerCase(java.util.Locale.ROOT))
                .put("split", text.split).put("segments", counts.segments()).put("tokens", counts.tokens())
                .put("vocabSize", p.tokenizer().vocabSize()).put("order", order)
                .put("tokenizeSeconds", p.seconds()).put("countSeconds", c.seconds()).put("countCpuSeconds", c.cpuSeconds()).put("tokensPerSecond", c.tokensPerSecond())
                .put("countingBytesPerNgram", (double) c.tableBytes() / ngrams).put("sortedBytesPerNgram", NgramCounts.bytesPerNgram())
                .put("heapMiB", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024.0 * 1024));
        ArrayNode sizes = out.putArray("ngrams");
        for (int n = 1; n <= order; n++) sizes.add(counts.size(n));
        ArrayNode common = out.putArray("top");
        for (int i : mostCommon(counts, top)) {
            common.addObject().put("ngram", render(p.tokenizer(), counts.words(order, i))).put("count", counts.countAt(order, i));
        }
        if (json) {
            System.out.println(mapper.writeValueAsString(out));
            return 0;
        }
        System.out.printf("corpus     %s (%s part): %,d segments, %,d %ss, vocabulary %,d%n", text.name(), text.split, counts.segments(),
                counts.tokens(), out.get("unit").asText(), p.tokenizer().vocabSize());
        System.out.printf("time       read+tokenize %.2f s; count %.2f s (%.2f s CPU) = %,.0f tokens/s (%,.0f per CPU second)%n",
                p.seconds(), c.seconds(), c.cpuSeconds(), c.tokensPerSecond(), counts.tokens() / c.cpuSeconds());
        for (int n = 1; n <= order; n++) System.out.printf("order %-4d %,d distinct n-grams%n", n, counts.size(n));
        System.out.printf("memory     %,d n-grams: %.1f bytes each while counting (hash table), %d sorted (key + count)%n",
                ngrams, (double) c.tableBytes() / ngrams, NgramCounts.bytesPerNgram());
        System.out.printf("most common %d-grams:%n", order);
        for (var e : common) System.out.printf("%10d  %s%n", e.get("count").asLong(), e.get("ngram").asText());
        return 0;
    }

    /** Indices of the k most frequent n-grams of the highest order, most frequent first. */
    static int[] mostCommon(NgramCounts counts, int k) {
        int n = counts.order();
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> Integer.compare(counts.countAt(n, a), counts.countAt(n, b)));
        for (int i = 0; i < counts.size(n); i++) {
            if (counts.countAt(n, i) == 0) continue;
            heap.add(i);
            if (heap.size() > k) heap.poll();
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) out[i] = heap.poll();
        return out;
    }

    /** An n-gram as a person reads it: letters as a quoted string, words and tokens separated by spaces. */
    static String render(Tokenizer t, int[] ids) {
        StringBuilder b = new StringBuilder();
        boolean letters = t instanceof nextword.tokenize.CharTokenizer;
        for (int id : ids) {
            String piece = id == t.vocabSize() ? "</s>" : id == t.vocabSize() + 1 ? "<s>" : t.piece(id).replace("\n", "\\n");
            if (!letters && !b.isEmpty()) b.append(' ');
            b.append(piece);
        }
        return letters ? "\"" + b + "\"" : b.toString();
    }
}
