package nextword.lab.parens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import nextword.kernels.Kernels;
import nextword.model.Gpt;
import nextword.model.GptConfig;
import nextword.tokenize.Tokenizers;
import nextword.train.Checkpoint;
import nextword.train.TrainOptions;
import nextword.train.Trainer;

/**
 * The essay's parentheses experiment: small transformers (8 heads, width 128, one block and two blocks)
 * learn balanced sequences of "(" and ")" with an end token, and then show what they learnt: the probability
 * of ")", "(" and end after every position of a sequence, and how often they close a run of "(" correctly
 * (all of them, then end) as the run gets deeper and the sequence before it longer.
 */
public final class ParensExperiment {

    /**
     * The experiment's knobs.
     *
     * @param width        numbers per position
     * @param heads        attention heads per block
     * @param length       the longest training sequence, also the models' context
     * @param maxDepth     the deepest nesting in training
     * @param steps        optimizer steps per model
     * @param batch        sequences per step
     * @param learningRate peak learning rate
     * @param seed         seed of the weights, the data and the test prefixes
     */
    public record Settings(int width, int heads, int length, int maxDepth, int steps, int batch, float learningRate, long seed) {
        public Settings {
            if (length < 4 || length % 2 != 0) throw new IllegalArgumentException("the length must be even and at least 4");
            if (maxDepth < 1 || steps < 1 || batch < 1) throw new IllegalArgumentException("depth, steps and batch must be at least 1");
        }

        /** Seconds per model: enough to beat chance on shallow nesting (the tests' budget). */
        public static Settings quick() {
            return new Settings(128, 8, 16, 6, 40, 16, 3e-3f, 1);
        }

        /** Under a minute per model on two quiet cores: the figures. Runs deeper than 10 were never seen in training. */
        public static Settings full() {
            return new Settings(128, 8, 32, 10, 300, 32, 2e-3f, 1);
        }

        public Settings withSeed(long s) {
            return new Settings(width, heads, length, maxDepth, steps, batch, learningRate, s);
        }
    }

    /** P(")"), P("(") and P(end) as the next token after each position of a sequence. */
    public record Probabilities(String sequence, double[] close, double[] open, double[] end) {}

    /**
     * How often greedy completion of prefix + depth × "(" gives depth × ")" then end: accuracy[d][p] for
     * depths[d] and prefixLengths[p] (NaN where the sequence would not fit the context), over trials[d][p] prompts.
     */
    public record Accuracy(int[] depths, int[] prefixLengths, double[][] accuracy, int[][] trials) {
        /** The mean accuracy over the measured cells of depths lo..hi (every prefix length counting once). */
        public double mean(int lo, int hi) {
            double sum = 0;
            int n = 0;
            for (int d = 0; d < depths.length; d++) {
                if (depths[d] < lo || depths[d] > hi) continue;
                for (double a : accuracy[d]) {
                    if (Double.isNaN(a)) continue;
                    sum += a;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** What a model could do after a number of training steps. */
    public record Stage(int step, double loss, Accuracy accuracy) {}

    /** One trained model and what it showed along the way. */
    public record ModelResult(String name, int layers, long parameters, double seconds, List<Probabilities> probabilities, List<Stage> stages) {
        public Stage last() {
            return stages.getLast();
        }
    }

    /** The sequences whose next-token probabilities the figures show. */
    public static final List<String> EXAMPLES = List.of("(()(()))", "((((()))))");

    private ParensExperiment() {}

    /** The GPT shape of a parentheses model with the given number of blocks. */
    public static GptConfig config(Settings s, int layers) {
        return new GptConfig(3, s.length(), layers, s.heads(), s.width());
    }

    /** A trained model and how its training went. */
    public record Trained(Gpt model, Trainer.Result result) {}

    /** Trains a model of layers blocks into dir (a model folder other commands can open). */
    public static Trained train(Settings s, int layers, Path dir, Trainer.Listener listener) throws IOException {
        Trainer trainer = trainer(s, layers, dir, listener);
        Trainer.Result r = trainer.run();
        finish(dir);
        return new Trained(trainer.model(), r);
    }

    private static Trainer trainer(Settings s, int layers, Path dir, Trainer.Listener listener) {
        TrainOptions o = new TrainOptions(s.batch(), s.length(), 1, s.steps(), 0, s.learningRate(), s.learningRate() / 10,
                Math.max(1, s.steps() / 10), 0f, 0.9f, 0.95f, 1e-8f, 1f, 0, 0, 0, 0, 0, s.seed());
        Trainer trainer = Trainer.fresh(config(s, layers), o, new ParenBatches(s.maxDepth(), s.seed()), null, dir);
        if (listener != null) trainer.listener(listener);
        return trainer;
    }

    /** Leaves dir a model folder with its tokenizer, without the checkpoint nobody will resume. */
    private static void finish(Path dir) throws IOException {
        Tokenizers.save(Parens.tokenizer(), dir);
        Files.deleteIfExists(dir.resolve(Checkpoint.FILE));
    }

    /** The distribution of the next token after each position of sequence. */
    public static Probabilities probabilities(Gpt gpt, String sequence) {
        int[] ids = Parens.encode(sequence);
        int t = ids.length;
        if (t > gpt.config().contextLength()) throw new IllegalArgumentException("'" + sequence + "' is longer than the context " + gpt.config().contextLength());
        gpt.forward(ids, null, 1, t);
        double[] close = new double[t], open = new double[t], end = new double[t];
        for (int i = 0; i < t; i++) {
            float[] p = Arrays.copyOfRange(gpt.logits(), i * 3, i * 3 + 3);
            Kernels.ops().softmax(p, 0, 3);
            close[i] = p[Parens.CLOSE];
            open[i] = p[Parens.OPEN];
            end[i] = p[Parens.END];
        }
        return new Probabilities(sequence, close, open, end);
    }

    /**
     * Completion accuracy for runs of 1..maxDepth "(" after balanced prefixes of the given lengths
     * (samples random prefixes each; the empty prefix is one prompt). Completing takes, step by step, the
     * likelier of ")" and end: the question is whether the model knows how many parentheses are open, not
     * whether it would rather open more (after "((" another "(" is a fine guess). Picking at random would be
     * right with chance (1/2)^(depth + 1).
     *
     * <p>Step-by-step decoding gives the right answer exactly when every step, after the right tokens so far,
     * chooses right; so one pass over prompt + the right answer checks all steps at once (teacher forcing).
     */
    public static Accuracy completions(Gpt gpt, int maxDepth, int[] prefixLengths, int samples, long seed) {
        int context = gpt.config().contextLength();
        int[] depths = new int[maxDepth];
        double[][] accuracy = new double[maxDepth][prefixLengths.length];
        int[][] trials = new int[maxDepth][prefixLengths.length];
        for (int d = 1; d <= maxDepth; d++) {
            depths[d - 1] = d;
            for (int p = 0; p < prefixLengths.length; p++) {
                int l = prefixLengths[p];
                int t = l + 2 * d; // prefix, run, and the d closing parentheses; the last position predicts the end
                if (t > context) {
                    accuracy[d - 1][p] = Double.NaN;
                    continue;
                }
                SplittableRandom random = new SplittableRandom(seed ^ (31L * d + 1009L * l));
                int n = l == 0 ? 1 : samples;
                int[] rows = new int[n * t];
                for (int i = 0; i < n; i++) {
                    int[] prefix = l == 0 ? new int[0] : Parens.random(random, l, context, 0.35 + 0.45 * random.nextDouble());
                    System.arraycopy(prefix, 0, rows, i * t, l);
                    Arrays.fill(rows, i * t + l, i * t + l + d, Parens.OPEN);
                    Arrays.fill(rows, i * t + l + d, (i + 1) * t, Parens.CLOSE);
                }
                gpt.forward(rows, null, n, t);
                int right = 0;
                for (int i = 0; i < n; i++) if (closesRightly(gpt.logits(), i * t + l + d - 1, d)) right++;
                accuracy[d - 1][p] = (double) right / n;
                trials[d - 1][p] = n;
            }
        }
        return new Accuracy(depths, prefixLengths.clone(), accuracy, trials);
    }

    /** Whether, from position first on, ")" beats end d times and then end beats ")". */
    private static boolean closesRightly(float[] logits, int first, int d) {
        for (int k = 0; k <= d; k++) {
            int at = (first + k) * 3;
            boolean endWins = logits[at + Parens.END] > logits[at + Parens.CLOSE];
            if (endWins != (k == d)) return false;
        }
        return true;
    }

    /** The prefix lengths the accuracy table uses for a context of the given length: 0 and three more, even, spread up the context. */
    public static int[] prefixLengths(int context) {
        int step = Math.max(2, context / 4 / 2 * 2);
        List<Integer> p = new ArrayList<>();
        for (int l = 0; l + 2 <= context && p.size() < 4; l += step) p.add(l);
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The steps after which a run is measured: an eighth, a quarter, half and all of its steps. */
    public static int[] stages(int steps) {
        return java.util.stream.IntStream.of(steps / 8, steps / 4, steps / 2, steps).filter(x -> x > 0).distinct().toArray();
    }

    /**
     * Trains the one-block and two-block models in out/1-block and out/2-blocks, measuring their completions
     * at each of {@link #stages} and their next-token probabilities at the end.
     */
    public static List<ModelResult> run(Settings s, Path out, Map<Integer, Trainer.Listener> listeners) throws IOException {
        List<ModelResult> results = new ArrayList<>();
        for (int layers : new int[] {1, 2}) {
            Path dir = out.resolve(layers == 1 ? "1-block" : layers + "-blocks");
            Trainer trainer = trainer(s, layers, dir, listeners.get(layers));
            List<Stage> stages = new ArrayList<>();
            double seconds = 0;
            for (int stop : stages(s.steps())) {
                Trainer.Result r = trainer.run(stop);
                seconds += r.seconds();
                stages.add(new Stage(r.steps(), r.trainLoss(), completions(trainer.model(), s.length() / 2, prefixLengths(s.length()), 20, s.seed())));
            }
            finish(dir);
            List<Probabilities> probs = new ArrayList<>();
            for (String e : EXAMPLES) if (e.length() <= s.length()) probs.add(probabilities(trainer.model(), e));
            results.add(new ModelResult(layers == 1 ? "1 block" : layers + " blocks", layers, config(s, layers).parameterCount(), seconds, probs, stages));
        }
        return results;
    }
}
