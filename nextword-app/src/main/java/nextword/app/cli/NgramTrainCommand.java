package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nextword.ngram.Evaluation;
import nextword.ngram.KneserNey;
import nextword.ngram.NgramFiles;
import nextword.ngram.NgramModel;
import nextword.ngram.NgramText;
import nextword.ngram.Smoothing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Counts, smooths and saves a model (ARPA, tokenizer, info) into a folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an n-gram model and write it to --out: model.arpa (KenLM/SRILM format), the tokenizer and ngram.json.")
public final class NgramTrainCommand implements Callable<Integer> {

    @Mixin
    NgramTextOptions text;

    @Option(names = "--order", defaultValue = "3", paramLabel = "N", description = "The n of the n-grams (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--smoothing", defaultValue = "kn", paramLabel = "S",
            description = "kn (interpolated modified Kneser-Ney) or add-K, e.g. add-1, add-0.01 (default: ${DEFAULT-VALUE}).")
    String smoothing;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the model into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Smoothing s = Smoothing.parse(smoothing);
        NgramPipeline.Prepared p = NgramPipeline.prepare(text, System.err);
        NgramPipeline.Counted c = NgramPipeline.count(p, order, System.err);
        long t0 = System.nanoTime();
        NgramModel model = s.fit(c.counts());
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode info = new ObjectMapper().createObjectNode()
                .put("corpus", text.name()).put("split", text.split).put("smoothing", smoothing)
                .put("tokens", c.counts().tokens()).put("trainSegments", c.counts().segments()).put("vocabSize", p.tokenizer().vocabSize())
                .put("countSeconds", c.seconds()).put("fitSeconds", fitSeconds).put("bytesPerNgram", model.bytesPerNgram());
        ArrayNode sizes = info.putArray("ngrams");
        for (int n = 1; n <= order; n++) sizes.add(model.size(n));
        if (s instanceof KneserNey) {
            ArrayNode d = info.putArray("discounts");
            for (KneserNey.Discounts k : KneserNey.discounts(c.counts())) d.addArray().add(k.d1()).add(k.d2()).add(k.d3());
        }
        Evaluation heldout = null;
        if (text.split() == NgramText.Split.TRAIN) {
            List<String> held = NgramText.select(p.segments(), NgramText.Split.HELDOUT);
            heldout = model.evaluate(NgramText.encode(p.tokenizer(), held), NgramText.characters(held));
            info.putObject("heldoutEvaluation").put("perplexity", heldout.perplexity()).put("bitsPerChar", heldout.bitsPerChar());
        }
        System.err.printf("writing %s…%n", out);
        long w0 = System.nanoTime();
        NgramFiles.save(out, model, p.tokenizer(), p.options(), info);
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        System.out.printf("trained    order-%d %s model on %,d %ss in %.2f s (count) + %.2f s (smooth)%n", order, smoothing,
                c.counts().tokens(), text.options().unit().name().toLowerCase(java.util.Locale.ROOT), c.seconds(), fitSeconds);
        for (int n = 1; n <= order; n++) System.out.printf("order %-4d %,d n-grams%n", n, model.size(n));
        System.out.printf("model      %.1f bytes per n-gram in memory%n", model.bytesPerNgram());
        if (heldout != null) System.out.printf("held-out   perplexity %.2f, %.3f bits per character%n", heldout.perplexity(), heldout.bitsPerChar());
        System.out.printf("wrote      %s (%,d bytes) in %.2f s%n", out.resolve(NgramFiles.ARPA), java.nio.file.Files.size(out.resolve(NgramFiles.ARPA)), writeSeconds);
        return 0;
    }
}
