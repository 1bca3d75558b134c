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

        /** About a minute per model on a laptop: the figures. */
        public static Settings full() {
            return new Settings(128, 8, 24, 8, 600, 32, 2e-3f, 1);
        }

        public Settings withSteps(int s) {
            return new Settings(width, heads, length, maxDepth, s, batch, learningRate, seed);
        }
    }

    /** P(")"), P("(") and P(end) as the next token after each position of a sequence. */
    public record Probabilities(String sequence, double[] close, double[] open, double[] end) {}

    /**
     * How often greedy completion of prefix + depth × "(" gives depth × ")" then end: accuracy[d][p] for
     * depths[d] and prefixLengths[p] (NaN where the sequence would not fit the context), over trials[d][p] prompts.
     */
    public record Accuracy(int[] depths, int[] prefixLengths, double[][] accuracy, int[][] trials) {
        /** The mean accuracy over the cells of depth at most maxDepth (that were measured). */
        public double meanUpTo(int maxDepth) {
            double sum = 0;
            int n = 0;
            for (int d = 0; d < depths.length; d++) {
                if (depths[d] > maxDepth) continue;
                for (double a : accuracy[d]) {
                    if (Double.isNaN(a)) continue;
                    sum += a;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** One trained model and what it showed. */
    public record ModelResult(String name, int layers, long parameters, int steps, double seconds, double finalLoss,
                              List<Probabilities> probabilities, Accuracy accuracy) {}

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
        TrainOptions o = new TrainOptions(s.batch(), s.length(), 1, s.steps(), 0, s.learningRate(), s.learningRate() / 10,
                Math.max(1, s.steps() / 10), 0f, 0.9f, 0.95f, 1e-8f, 1f, 0, 0, 0, 0, 0, s.seed());
        Trainer trainer = Trainer.fresh(config(s, layers), o, new ParenBatches(s.maxDepth(), s.seed()), null, dir);
        if (listener != null) trainer.listener(listener);
        Trainer.Result r = trainer.run();
        Tokenizers.save(Parens.tokenizer(), dir);
        Files.deleteIfExists(dir.resolve(Checkpoint.FILE)); // nobody resumes these; the model files stay
        return new Trained(trainer.model(), r);
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
                if (l + 2 * d > context) {
                    accuracy[d - 1][p] = Double.NaN;
                    continue;
                }
                SplittableRandom random = new SplittableRandom(seed ^ (31L * d + 1009L * l));
                int n = l == 0 ? 1 : samples;
                int[][] prompts = new int[n][];
                for (int i = 0; i < n; i++) {
                    int[] prefix = l == 0 ? new int[0] : Parens.random(random, l, context, 0.35 + 0.45 * random.nextDouble());
                    prompts[i] = Arrays.copyOf(prefix, l + d);
                    Arrays.fill(prompts[i], l, l + d, Parens.OPEN);
                }
                int right = 0;
                int[] want = Parens.closing(d);
                for (int[] got : close(gpt, prompts, d + 1)) if (Arrays.equals(got, want)) right++;
                accuracy[d - 1][p] = (double) right / n;
                trials[d - 1][p] = n;
            }
        }
        return new Accuracy(depths, prefixLengths.clone(), accuracy, trials);
    }

    /** n tokens after each prompt (all of one length), each the likelier of ")" and end, decoded as one batch. */
    static int[][] close(Gpt gpt, int[][] prompts, int n) {
        int b = prompts.length;
        int start = prompts[0].length;
        int[][] out = new int[b][n];
        int[] rows = new int[b * (start + n)];
        for (int step = 0; step < n; step++) {
            int t = start + step;
            for (int r = 0; r < b; r++) {
                System.arraycopy(prompts[r], 0, rows, r * t, start);
                System.arraycopy(out[r], 0, rows, r * t + start, step);
            }
            gpt.forward(rows, null, b, t);
            for (int r = 0; r < b; r++) {
                int last = (r * t + t - 1) * 3;
                out[r][step] = gpt.logits()[last + Parens.END] > gpt.logits()[last + Parens.CLOSE] ? Parens.END : Parens.CLOSE;
            }
        }
        return out;
    }

    /** The prefix lengths the accuracy table uses for a context of the given length: 0 and three more, even, spread up the context. */
    public static int[] prefixLengths(int context) {
        int step = Math.max(2, context / 4 / 2 * 2);
        List<Integer> p = new ArrayList<>();
        for (int l = 0; l + 2 <= context && p.size() < 4; l += step) p.add(l);
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Trains the one-block and two-block models in out/1-block and out/2-blocks and measures both. */
    public static List<ModelResult> run(Settings s, Path out, Map<Integer, Trainer.Listener> listeners) throws IOException {
        List<ModelResult> results = new ArrayList<>();
        for (int layers : new int[] {1, 2}) {
            String name = layers == 1 ? "1 block" : layers + " blocks";
            Trained t = train(s, layers, out.resolve(layers == 1 ? "1-block" : layers + "-blocks"), listeners.get(layers));
            List<Probabilities> probs = new ArrayList<>();
            for (String e : EXAMPLES) if (e.length() <= s.length()) probs.add(probabilities(t.model(), e));
            Accuracy acc = completions(t.model(), s.length() / 2, prefixLengths(s.length()), 20, s.seed());
            Trainer.Result r = t.result();
            results.add(new ModelResult(name, layers, config(s, layers).parameterCount(), r.steps(), r.seconds(), r.trainLoss(), probs, acc));
        }
        return results;
    }
}
