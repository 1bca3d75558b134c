package nextword.lab.ngram;

import java.util.ArrayList;
import java.util.List;
import nextword.lab.plot.Charts;
import nextword.ngram.NgramCounter;
import nextword.ngram.NgramCounts;
import nextword.ngram.NgramText.Alphabet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/** The essay's n-gram pictures: how often each letter occurs, which letter follows which, and perplexity against n. */
public final class NgramFigures {

    static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private NgramFigures() {}

    /** Letter counts (case folded, a–z) and pair counts within words, from any text. */
    public record LetterCounts(long[] single, long[][] pairs) {
        /** single[i]: how often letter i occurs; pairs[a][b]: how often letter b directly follows letter a. */
        public static LetterCounts of(String... texts) {
            return of(List.of(texts));
        }

        /** The counts over several texts (documents), no pair spanning two. */
        public static LetterCounts of(List<String> texts) {
            NgramCounter counter = new NgramCounter(2, LETTERS.length() + 1);
            for (String text : texts) {
                String t = Alphabet.LETTERS_AND_SPACE.apply(text);
                int[] ids = new int[t.length()];
                for (int i = 0; i < ids.length; i++) ids[i] = t.charAt(i) == ' ' ? LETTERS.length() : t.charAt(i) - 'a';
                counter.add(ids);
            }
            NgramCounts c = counter.counts();
            long[] single = new long[26];
            long[][] pairs = new long[26][26];
            for (int a = 0; a < 26; a++) {
                single[a] = c.count(a);
                for (int b = 0; b < 26; b++) pairs[a][b] = c.count(a, b);
            }
            return new LetterCounts(single, pairs);
        }
    }

    /** Bars of each letter's share of all letters. */
    public static CategoryChart letterFrequencies(LetterCounts counts, String source) {
        long total = 0;
        for (long n : counts.single()) total += n;
        List<String> letters = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            letters.add(String.valueOf(LETTERS.charAt(i)));
            shares.add(total == 0 ? 0 : (double) counts.single()[i] / total);
        }
        CategoryChart chart = Charts.bars("Letter frequencies in " + source, "letter", "share of letters", letters, shares);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        return chart;
    }

    /**
     * The 2-gram table as a heatmap: first letter across, second letter down, each column the probability
     * of the second letter given the first (so the "q" column is empty but for "u").
     */
    public static HeatMapChart letterPairs(LetterCounts counts, String source) {
        double[][] cells = pairProbabilities(counts);
        List<String> labels = LETTERS.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        HeatMapChart chart = Charts.heatmap("P(second letter | first letter) in " + source + ": first across, second down", labels, labels, cells);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1); // probabilities: the colour scale reads 0 to 1, whatever the largest cell
        return chart;
    }

    /** cells[second][first] = P(second | first) over letter pairs; a column is all 0 when its letter never starts a pair. */
    public static double[][] pairProbabilities(LetterCounts counts) {
        double[][] cells = new double[26][26];
        for (int first = 0; first < 26; first++) {
            long total = 0;
            for (long n : counts.pairs()[first]) total += n;
            for (int second = 0; second < 26; second++) cells[second][first] = total == 0 ? 0 : (double) counts.pairs()[first][second] / total;
        }
        return cells;
    }

    /** Perplexity on held-out text against n, one line per series (e.g. per smoothing); a log scale when they span decades. */
    public static XYChart perplexityByOrder(String title, List<Charts.Series> series) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Charts.Series s : series) {
            for (double y : s.y()) {
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        XYChart chart = Charts.lines(title, "n (tokens of context + 1)", "held-out perplexity", series, max > 20 * min);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }
}
