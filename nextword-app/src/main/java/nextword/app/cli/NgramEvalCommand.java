package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import nextword.ngram.Arpa;
import nextword.ngram.Evaluation;
import nextword.ngram.NgramModel;
import nextword.tokenize.Tokenizer;
import nextword.ngram.NgramFiles;
import nextword.ngram.NgramText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Perplexity and bits per character of a saved model on some text. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Perplexity and bits per character of a trained model (--model DIR) on a corpus.")
public final class NgramEvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A folder written by 'nextword ngram train', or an ARPA file from any tool (KenLM, SRILM, IRSTLM): "
                    + "then the text is read as it is, a sentence per line, words separated by spaces.")
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
        NgramModel ngrams;
        Tokenizer tokenizer;
        NgramText.Options options;
        String unit;
        if (Files.isRegularFile(model)) {
            Arpa.Loaded arpa = Arpa.read(model);
            ngrams = arpa.model();
            tokenizer = arpa.tokenizer();
            options = new NgramText.Options(NgramText.Unit.TOKEN, NgramText.Alphabet.ALL, true, 0.1); // text as it is, by lines
            unit = "ARPA word";
        } else {
            NgramFiles.Loaded m = NgramFiles.load(model);
            ngrams = m.model();
            tokenizer = m.tokenizer();
            options = m.options();
            unit = options.unit().name().toLowerCase(Locale.ROOT);
        }
        List<String> segments = NgramText.select(NgramText.read(corpus.open(), options, NgramTextOptions::warn), part);
        long t0 = System.nanoTime();
        Evaluation e = ngrams.evaluate(NgramText.encode(tokenizer, segments), NgramText.characters(segments));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            System.out.println(new ObjectMapper().createObjectNode()
                    .put("perplexity", e.perplexity()).put("bits_per_char", e.bitsPerChar()).put("bits_per_token", e.bitsPerToken())
                    .put("predictions", e.predictions()).put("segments", e.segments()).put("characters", e.characters())
                    .put("order", ngrams.order()).put("unit", unit).put("seconds", seconds));
            return 0;
        }
        System.out.printf("model          order %d over %ss (%s)%n", ngrams.order(), unit, model);
        System.out.printf("text           %s (%s): %,d segments, %,d predictions, %,d characters%n", corpus.corpus, split, e.segments(), e.predictions(), e.characters());
        System.out.printf("perplexity     %.3f%n", e.perplexity());
        System.out.printf("bits per char  %.4f%n", e.bitsPerChar());
        System.out.printf("bits per token %.4f  (scored in %.2f s)%n", e.bitsPerToken(), seconds);
        return 0;
    }
}
