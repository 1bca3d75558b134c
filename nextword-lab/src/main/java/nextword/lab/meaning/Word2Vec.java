package nextword.lab.meaning;

import java.util.SplittableRandom;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * word2vec's skip-gram with negative sampling (Mikolov et al., 2013): each word learns a vector that predicts
 * the words around it. For every (word, neighbour) pair one logistic regression pushes the pair's dot
 * product up and that of a few random "negative" words down; the negatives are drawn by frequency to the
 * power ¾, very frequent words are skipped at random, and the learning rate falls linearly to nothing.
 *
 * <p>One thread, one seeded generator: the same corpus, options and seed give the same vectors, bit for bit
 * (parallel "Hogwild" updates would be faster but race). The inner loops are the kernels' dot and axpy.
 */
public final class Word2Vec {

    /**
     * How to train.
     *
     * @param dim          numbers per word
     * @param window       the most words on each side that count as context (each step draws 1..window)
     * @param negatives    random words contrasted with each true neighbour
     * @param epochs       passes over the corpus
     * @param sample       the subsampling threshold t: a word of frequency f is kept with probability
     *                     (√(f/t) + 1)·t/f (word2vec's formula); 0 keeps every word
     * @param learningRate the starting rate
     * @param seed         the seed of the start vectors, the windows, the subsampling and the negatives
     */
    public record Options(int dim, int window, int negatives, int epochs, double sample, float learningRate, long seed) {
        public Options {
            if (dim < 1 || window < 1 || negatives < 0 || epochs < 1) throw new IllegalArgumentException("dimension, window and epochs must be >= 1, negatives >= 0");
            if (sample < 0 || !(learningRate > 0)) throw new IllegalArgumentException("the sample threshold must be >= 0 and the learning rate > 0");
        }

        /** word2vec's defaults for a small corpus: 100 numbers, window 5, 5 negatives, 5 epochs, t = 1e-3, rate 0.025. */
        public static Options defaults() {
            return new Options(100, 5, 5, 5, 1e-3, 0.025f, 1);
        }
    }

    /** Hears about progress: words done of the total, the current rate and the mean loss per prediction recently. */
    public interface Listener {
        void progress(long done, long total, double wordsPerSecond, double learningRate, double loss);
    }

    private static final float MIN_RATE_FRACTION = 1e-4f;
    private static final int REPORT_EVERY = 10_000;
    private static final double NEGATIVE_POWER = 0.75;

    private Word2Vec() {}

    /** Trains vectors for every word of the sentences' vocabulary. */
    public static WordVectors train(Sentences data, Options o, Listener listener) {
        int v = data.words().size();
        int d = o.dim();
        if ((long) v * d > Integer.MAX_VALUE) throw new IllegalArgumentException(v + " words × " + d + " dimensions do not fit in one array");
        SplittableRandom random = new SplittableRandom(o.seed());
        float[] input = new float[v * d];   // (V, D) the word vectors we keep
        float[] output = new float[v * d];  // (V, D) the vectors words have as context targets
        for (int i = 0; i < input.length; i++) input[i] = (float) ((random.nextDouble() - 0.5) / d);
        Negatives negatives = new Negatives(data);
        double[] keep = keepProbabilities(data, o.sample());
        KernelOps ops = Kernels.ops();
        float[] hidden = new float[d];

        long total = (long) o.epochs() * data.totalWords();
        long done = 0;
        long lastReport = 0;
        long t0 = System.nanoTime();
        double lossSum = 0;
        long lossCount = 0;
        int[] sent = new int[0];
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            for (int s = 0; s < data.sentenceCount(); s++) {
                int[] words = data.sentence(s);
                int n = 0;
                if (sent.length < words.length) sent = new int[words.length];
                for (int w : words) if (keep[w] >= 1 || random.nextDouble() < keep[w]) sent[n++] = w;
                done += words.length;
                float rate = o.learningRate() * Math.max(MIN_RATE_FRACTION, 1 - (float) done / (total + 1));
                for (int i = 0; i < n; i++) {
                    int reach = 1 + random.nextInt(o.window());
                    for (int j = Math.max(0, i - reach); j <= Math.min(n - 1, i + reach); j++) {
                        if (j == i) continue;
                        // The neighbour's vector predicts the centre word (against negatives), as word2vec.c does.
                        int in = sent[j] * d;
                        java.util.Arrays.fill(hidden, 0f);
                        for (int k = 0; k <= o.negatives(); k++) {
                            int target = k == 0 ? sent[i] : negatives.draw(random);
                            if (k > 0 && target == sent[i]) continue;
                            int out = target * d;
                            float f = ops.dot(input, in, output, out, d);
                            float label = k == 0 ? 1 : 0;
                            lossSum -= Logistic.logSigmoid(k == 0 ? f : -f);
                            lossCount++;
                            float g = (label - Logistic.sigmoid(f)) * rate;
                            ops.axpy(g, output, out, hidden, 0, d);
                            ops.axpy(g, input, in, output, out, d);
                        }
                        ops.axpy(1f, hidden, 0, input, in, d);
                    }
                }
                if (listener != null && done - lastReport >= REPORT_EVERY) {
                    lastReport = done;
                    double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
                    listener.progress(done, total, done / seconds, rate, lossCount == 0 ? Double.NaN : lossSum / lossCount);
                    lossSum = 0;
                    lossCount = 0;
                }
            }
        }
        if (listener != null) {
            double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
            listener.progress(done, total, done / seconds, 0, lossCount == 0 ? Double.NaN : lossSum / lossCount);
        }
        return new WordVectors(data.words(), input, d);
    }

    /** The chance of keeping each word when subsampling at threshold t (≥ 1: always). */
    static double[] keepProbabilities(Sentences data, double t) {
        double[] keep = new double[data.words().size()];
        for (int w = 0; w < keep.length; w++) {
            if (t <= 0) {
                keep[w] = 1;
                continue;
            }
            double f = (double) data.count(w) / data.totalWords();
            keep[w] = (Math.sqrt(f / t) + 1) * t / f;
        }
        return keep;
    }

    /**
     * Draws negatives with probability proportional to count^¾ by Walker's alias method: pick a word
     * uniformly, then keep it or take its alias. Two small arrays the size of the vocabulary stay in cache,
     * where word2vec's table of ten million cells would miss it on every draw.
     */
    static final class Negatives {
        private final float[] keep;
        private final int[] alias;

        Negatives(Sentences data) {
            int v = data.words().size();
            double[] share = new double[v];
            double norm = 0;
            for (int w = 0; w < v; w++) norm += share[w] = Math.pow(data.count(w), NEGATIVE_POWER);
            keep = new float[v];
            alias = new int[v];
            int[] small = new int[v], large = new int[v];
            int ns = 0, nl = 0;
            for (int w = 0; w < v; w++) {
                share[w] = share[w] * v / norm; // 1 is a fair share of one cell
                if (share[w] < 1) small[ns++] = w;
                else large[nl++] = w;
            }
            // Fill each under-full cell with its own word up to its share and the rest with a large word.
            while (ns > 0 && nl > 0) {
                int s = small[--ns], l = large[nl - 1];
                keep[s] = (float) share[s];
                alias[s] = l;
                share[l] -= 1 - share[s];
                if (share[l] < 1) {
                    nl--;
                    small[ns++] = l;
                }
            }
            while (nl > 0) keep[large[--nl]] = 1;
            while (ns > 0) keep[small[--ns]] = 1; // rounding leftovers
        }

        int draw(SplittableRandom random) {
            int w = random.nextInt(keep.length);
            return random.nextFloat() < keep[w] ? w : alias[w];
        }
    }
}
