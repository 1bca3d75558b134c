package nextword.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nextword.lab.ngram.NgramFigures;
import nextword.lab.plot.Charts;
import nextword.ngram.AddK;
import nextword.ngram.Evaluation;
import nextword.ngram.KneserNey;
import nextword.ngram.NgramCounts;
import nextword.ngram.NgramText;
import nextword.ngram.Smoothing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The essay's n-gram pictures for a corpus. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw letter frequencies, the letter 2-gram table and held-out perplexity against n, as PNG files in --out.")
public final class NgramPlotCommand implements Callable<Integer> {

    @Mixin
    NgramTextOptions text;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for letters.png, letter-pairs.png and perplexity.png.")
    Path out;

    @Option(names = "--max-order", defaultValue = "5", paramLabel = "N", description = "Perplexity for n = 1…N (default: ${DEFAULT-VALUE}).")
    int maxOrder;

    @Option(names = "--add-k", defaultValue = "1", paramLabel = "K", description = "The add-k curve's k, drawn beside Kneser-Ney (default: ${DEFAULT-VALUE}).")
    double k;

    @Override
    public Integer call() throws Exception {
        String name = Path.of(text.name()).getFileName() == null ? text.name() : Path.of(text.name()).getFileName().toString();
        NgramText.Options asIs = new NgramText.Options(NgramText.Unit.LETTER, NgramText.Alphabet.ALL, false, text.heldout);
        NgramFigures.LetterCounts letters = NgramFigures.LetterCounts.of(NgramText.select(text.read(asIs), NgramText.Split.ALL));
        System.out.println(Charts.savePng(NgramFigures.letterFrequencies(letters, name), out.resolve("letters.png")));
        System.out.println(Charts.savePng(NgramFigures.letterPairs(letters, name), out.resolve("letter-pairs.png")));

        text.split = "train";
        NgramPipeline.Prepared p = NgramPipeline.prepare(text, System.err);
        NgramCounts all = NgramPipeline.count(p, maxOrder, System.err).counts();
        List<String> held = NgramText.select(p.segments(), NgramText.Split.HELDOUT);
        List<int[]> heldIds = NgramText.encode(p.tokenizer(), held);
        long chars = NgramText.characters(held);
        List<Smoothing> smoothings = List.of(new KneserNey(), new AddK(k));
        List<Charts.Series> series = new ArrayList<>();
        double[] orders = new double[maxOrder];
        for (int n = 1; n <= maxOrder; n++) orders[n - 1] = n;
        String unit = p.options().unit().name().toLowerCase(java.util.Locale.ROOT);
        System.out.printf("%-10s %3s %12s %14s%n", "smoothing", "n", "perplexity", "bits per char");
        for (Smoothing s : smoothings) {
            double[] ppl = new double[maxOrder];
            for (int n = 1; n <= maxOrder; n++) {
                Evaluation e = s.fit(all.truncate(n)).evaluate(heldIds, chars);
                ppl[n - 1] = e.perplexity();
                System.out.printf("%-10s %3d %12.3f %14.4f%n", label(s), n, e.perplexity(), e.bitsPerChar());
            }
            series.add(new Charts.Series(label(s), orders, ppl));
        }
        String title = "Held-out perplexity of " + unit + " n-grams on " + name;
        System.out.println(Charts.savePng(NgramFigures.perplexityByOrder(title, series), out.resolve("perplexity.png")));
        return 0;
    }

    private static String label(Smoothing s) {
        return s instanceof AddK a ? "add-" + (a.k() == Math.rint(a.k()) ? String.valueOf((long) a.k()) : String.valueOf(a.k())) : "Kneser-Ney";
    }
}
