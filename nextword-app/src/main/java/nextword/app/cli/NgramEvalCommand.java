package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nextword.ngram.Evaluation;
import nextword.ngram.NgramFiles;
import nextword.ngram.NgramText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Perplexity and bits per character of a saved model on some text. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Perplexity and bits per character of a trained model (--model DIR) on a corpus.")
public final class NgramEvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A folder written by 'nextword ngram train'.")
    Path model;

    @Mixin
    CorpusOptions corpus = new CorpusOptions();

    @Option(names = "--split", defaultValue = "all", paramLabel = "PART",
            description = "all, train or heldout: which part of the corpus, cut as the model's ngram.json says (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--json", description = "Print a JSON object with perplexity and bits_per_char.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        NgramTextOptions parse = new NgramTextOptions();
        parse.split = split;
        NgramText.Split part = parse.split();
        NgramFiles.Loaded m = NgramFiles.load(model);
        List<String> segments = NgramText.select(NgramText.read(corpus.open(), m.options(), NgramTextOptions::warn), part);
        long t0 = System.nanoTime();
        Evaluation e = m.model().evaluate(NgramText.encode(m.tokenizer(), segments), NgramText.characters(segments));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            System.out.println(new ObjectMapper().createObjectNode()
                    .put("perplexity", e.perplexity()).put("bits_per_char", e.bitsPerChar()).put("bits_per_token", e.bitsPerToken())
                    .put("predictions", e.predictions()).put("segments", e.segments()).put("characters", e.characters())
                    .put("order", m.model().order()).put("unit", m.options().unit().name().toLowerCase(Locale.ROOT)).put("seconds", seconds));
            return 0;
        }
        System.out.printf("model          order %d over %ss (%s)%n", m.model().order(), m.options().unit().name().toLowerCase(Locale.ROOT), model);
        System.out.printf("text           %s (%s): %,d segments, %,d predictions, %,d characters%n", corpus.corpus, split, e.segments(), e.predictions(), e.characters());
        System.out.printf("perplexity     %.3f%n", e.perplexity());
        System.out.printf("bits per char  %.4f%n", e.bitsPerChar());
        System.out.printf("bits per token %.4f  (scored in %.2f s)%n", e.bitsPerToken(), seconds);
        return 0;
    }
}
