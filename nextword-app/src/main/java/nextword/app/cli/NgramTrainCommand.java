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

    @Mixin
    NgramModelOptions model = new NgramModelOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the model into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Smoothing s = model.smoothing();
        int order = model.order;
        String smoothing = model.smoothing;
        NgramPipeline.Prepared p = NgramPipeline.prepare(text, System.err);
        NgramPipeline.Counted c = NgramPipeline.count(p, order, System.err);
        long t0 = System.nanoTime();
        NgramModel fitted = s.fit(c.counts());
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode info = new ObjectMapper().createObjectNode()
                .put("corpus", text.name()).put("split", text.split).put("smoothing", smoothing)
                .put("tokens", c.counts().tokens()).put("trainSegments", c.counts().segments()).put("vocabSize", p.tokenizer().vocabSize())
                .put("countSeconds", c.seconds()).put("fitSeconds", fitSeconds).put("bytesPerNgram", fitted.bytesPerNgram());
        ArrayNode sizes = info.putArray("ngrams");
        for (int n = 1; n <= order; n++) sizes.add(fitted.size(n));
        if (s instanceof KneserNey) {
            ArrayNode d = info.putArray("discounts");
            for (KneserNey.Discounts k : KneserNey.discounts(c.counts())) d.addArray().add(k.d1()).add(k.d2()).add(k.d3());
        }
        Evaluation heldout = null;
        if (text.split() == NgramText.Split.TRAIN) {
            List<String> held = NgramText.select(p.segments(), NgramText.Split.HELDOUT);
            heldout = fitted.evaluate(NgramText.encode(p.tokenizer(), held), NgramText.characters(held));
            info.putObject("heldoutEvaluation").put("perplexity", heldout.perplexity()).put("bitsPerChar", heldout.bitsPerChar());
        }
        System.err.printf("writing %s…%n", out);
        long w0 = System.nanoTime();
        NgramFiles.save(out, fitted, p.tokenizer(), p.options(), info);
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        System.out.printf("trained    order-%d %s model on %,d %ss in %.2f s (count) + %.2f s (smooth)%n", order, smoothing,
                c.counts().tokens(), text.options().unit().name().toLowerCase(java.util.Locale.ROOT), c.seconds(), fitSeconds);
        for (int n = 1; n <= order; n++) System.out.printf("order %-4d %,d n-grams%n", n, fitted.size(n));
        System.out.printf("model      %.1f bytes per n-gram in memory%n", fitted.bytesPerNgram());
        if (heldout != null) System.out.printf("held-out   perplexity %.2f, %.3f bits per character%n", heldout.perplexity(), heldout.bitsPerChar());
        System.out.printf("wrote      %s (%,d bytes) in %.2f s%n", out.resolve(NgramFiles.ARPA), java.nio.file.Files.size(out.resolve(NgramFiles.ARPA)), writeSeconds);
        return 0;
    }
}
