package nextword.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import nextword.data.Corpus;
import nextword.lab.meaning.DataFiles;
import nextword.lab.meaning.JsonFile;
import nextword.lab.meaning.PartsOfSpeech;
import nextword.lab.meaning.Sentences;
import nextword.lab.meaning.Word2Vec;
import nextword.lab.meaning.WordMap;
import nextword.lab.meaning.WordSets;
import nextword.lab.meaning.WordVectors;
import nextword.lab.plot.Charts;
import nextword.lab.plot.Pictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Word embeddings (the essay's "meaning space"): train word2vec, ask for neighbours and analogies, draw maps. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Word embeddings: train word2vec on a corpus, find nearest words and analogies, draw maps of words.",
        subcommands = {EmbedCommand.Train.class, EmbedCommand.Near.class, EmbedCommand.Analogy.class, EmbedCommand.Plot.class})
public final class EmbedCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What near and analogy share: the vectors, and where their answers go. */
    static final class Query {
        @Option(names = "--vectors", required = true, description = "Word vectors in word2vec's text format (.vec, as 'embed train' writes).")
        Path vectors;

        @Option(names = "--out", description = "Folder for a bar chart per question (near-….png, analogy-….png) and, with --json, the answers as JSON.")
        Path out;

        @Option(names = "--json", description = "Write the answers as JSON (into --out, else to standard output instead of the table).")
        boolean json;

        /** Prints each answer as a table (unless JSON goes to standard output), draws it into out, writes JSON. */
        void show(PrintWriter stdout, Map<String, List<WordVectors.Neighbour>> answers, String kind,
                  java.util.function.Function<Map.Entry<String, List<WordVectors.Neighbour>>, String> table) throws IOException {
            for (var e : answers.entrySet()) {
                if (!json || out != null) stdout.println(table.apply(e));
                if (out != null) {
                    List<WordVectors.Neighbour> ns = e.getValue();
                    Charts.savePng(Charts.bars(kind.equals("near") ? "Nearest words to '" + e.getKey() + "'" : e.getKey(), "word", "cosine similarity",
                            ns.stream().map(WordVectors.Neighbour::word).toList(), ns.stream().map(WordVectors.Neighbour::cosine).toList()),
                            out.resolve(kind + "-" + e.getKey().replaceAll("[^\\p{L}\\p{N}_-]+", "_") + ".png"));
                }
            }
            if (json && out != null) stdout.println("Wrote " + JsonFile.write(out.resolve(kind + ".json"), answers));
            else if (json) stdout.println(JsonFile.text(answers));
            stdout.flush();
        }
    }

    /** Trains word2vec vectors and saves them as a .vec file. */
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train word vectors by word2vec's skip-gram with negative sampling (one thread, seeded: reproducible).",
                    "Writes the vectors in word2vec's text format, their loss curve as PNG, and shows a few neighbours."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--corpus", defaultValue = "brown.txt.gz", paramLabel = "C",
                description = "Text, one sentence per line: a file, folder, .gz or .zip (default: the shared Brown corpus, ${DEFAULT-VALUE}).")
        String corpus;

        @Option(names = "--out", defaultValue = "runs/embed/brown.vec", description = "Where to save the vectors (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--dim", defaultValue = "100", description = "Numbers per word (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--window", defaultValue = "5", description = "Context words on each side, at most (default: ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--negatives", defaultValue = "5", description = "Negative samples per true pair (default: ${DEFAULT-VALUE}).")
        int negatives;

        @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--min-count", defaultValue = "5", description = "Drop words used fewer times (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Option(names = "--sample", defaultValue = "1e-3", description = "Subsampling threshold of frequent words, 0 for none (default: ${DEFAULT-VALUE}).")
        double sample;

        @Option(names = "--lr", defaultValue = "0.025", description = "Starting learning rate, falling linearly (default: ${DEFAULT-VALUE}).")
        float lr;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Also write a JSON summary beside the vectors.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Word2Vec.Options options = new Word2Vec.Options(dim, window, negatives, epochs, sample, lr, seed);
            PrintWriter stdout = spec.commandLine().getOut();
            Corpus text = Corpus.open(DataFiles.fileOrShared(corpus), null);
            Sentences data = Sentences.read(text, minCount);
            stdout.printf(Locale.ROOT, "%s: %,d sentences, %,d words, %,d distinct words used %d+ times%n",
                    text.name(), data.sentenceCount(), data.totalWords(), data.words().size(), minCount);
            stdout.flush();
            ProgressLine line = new ProgressLine(spec.commandLine().getErr(), "embed");
            List<double[]> curve = new ArrayList<>();
            long t0 = System.nanoTime();
            WordVectors vectors = Word2Vec.train(data, options, (done, total, wordsPerSecond, rate, loss) -> {
                curve.add(new double[] {done, loss});
                line.status(done, total, String.format(Locale.ROOT, "%s/%s words  %s words/s  lr %.4f  loss %.3f%s", ProgressLine.human(done),
                        ProgressLine.human(total), ProgressLine.human(wordsPerSecond), rate, loss,
                        done < total ? "  ETA " + ProgressLine.duration((total - done) / wordsPerSecond) : ""));
            });
            line.done();
            double seconds = (System.nanoTime() - t0) / 1e9;
            vectors.save(out);
            Path lossPng = Charts.savePng(Charts.lines("word2vec training loss", "words processed",
                    "mean loss per prediction (nats)", List.of(series(curve)), false), sibling(out, "-loss.png"));
            stdout.printf(Locale.ROOT, "Trained %d epoch(s) in %s: %,.0f words/s. Vectors: %s; loss curve: %s%n", epochs,
                    ProgressLine.duration(seconds), (double) epochs * data.totalWords() / seconds, out, lossPng);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("corpus", text.name());
            summary.put("options", options);
            summary.put("words", data.totalWords());
            summary.put("vocabulary", data.words().size());
            summary.put("seconds", seconds);
            summary.put("words_per_second", epochs * data.totalWords() / seconds);
            Map<String, Object> probes = new LinkedHashMap<>();
            for (String w : List.of("man", "king", "monday", "blue", "france", "dog")) {
                if (!vectors.contains(w)) continue;
                List<WordVectors.Neighbour> near = vectors.nearest(w, 6);
                probes.put(w, near);
                stdout.printf(Locale.ROOT, "  %-8s → %s%n", w, String.join(", ", near.stream().map(n -> n.word()).toList()));
            }
            summary.put("nearest", probes);
            if (json) stdout.println("Summary: " + JsonFile.write(sibling(out, ".json"), summary));
            return 0;
        }
    }

    /** The nearest words of each given word. */
    @Command(name = "near", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The nearest words (by cosine similarity of their vectors) to each given word.")
    static final class Near implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Query query;

        @Option(names = {"-k", "--top"}, defaultValue = "10", description = "How many neighbours (default: ${DEFAULT-VALUE}).")
        int k;

        @Parameters(arity = "1..*", paramLabel = "WORD", description = "Words to look up.")
        List<String> words;

        @Override
        public Integer call() throws IOException {
            if (k < 1) throw new IllegalArgumentException("-k must be at least 1");
            WordVectors v = WordVectors.load(query.vectors);
            Map<String, List<WordVectors.Neighbour>> result = new LinkedHashMap<>();
            for (String w : words) result.put(w, v.nearest(w.toLowerCase(Locale.ROOT), k));
            query.show(spec.commandLine().getOut(), result, "near", e -> e.getKey() + ":" + System.lineSeparator() + String.join(System.lineSeparator(),
                    e.getValue().stream().map(n -> String.format(Locale.ROOT, "  %-16s %.3f", n.word(), n.cosine())).toList()));
            return 0;
        }
    }

    /** a : b :: c : ? */
    @Command(name = "analogy", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Analogies a : b :: c : ?, answered by the words nearest to b − a + c (other than a, b, c).",
                    "Give the words in threes: 'man king woman' asks man : king :: woman : ?"})
    static final class Analogy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Query query;

        @Option(names = {"-k", "--top"}, defaultValue = "5", description = "How many answers (default: ${DEFAULT-VALUE}).")
        int k;

        @Parameters(arity = "3..*", paramLabel = "WORD", description = "a b c [a b c …]")
        List<String> words;

        @Override
        public Integer call() throws IOException {
            if (words.size() % 3 != 0) throw new IllegalArgumentException("give words in threes (a b c for a : b :: c : ?), got " + words.size());
            if (k < 1) throw new IllegalArgumentException("-k must be at least 1");
            WordVectors v = WordVectors.load(query.vectors);
            Map<String, List<WordVectors.Neighbour>> result = new LinkedHashMap<>();
            for (int i = 0; i < words.size(); i += 3) {
                String a = words.get(i).toLowerCase(Locale.ROOT), b = words.get(i + 1).toLowerCase(Locale.ROOT), c = words.get(i + 2).toLowerCase(Locale.ROOT);
                result.put(a + " : " + b + " :: " + c + " : ?", v.analogy(a, b, c, k));
            }
            query.show(spec.commandLine().getOut(), result, "analogy", e -> e.getKey() + "  " + String.join("  ", e.getValue().stream()
                    .map(n -> String.format(Locale.ROOT, "%s (%.3f)", n.word(), n.cosine())).toList()));
            return 0;
        }
    }

    /** Maps of words in the plane. */
    @Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draw word vectors in the plane by PCA and t-SNE, coloured by group: a built-in set",
                    "(animals-plants, nouns), your own words, or the commonest words of each part of speech from a tagged corpus."})
    static final class Plot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--vectors", required = true, description = "Word vectors in word2vec's text format (.vec).")
        Path vectors;

        @Option(names = "--set", description = "A built-in word set: animals-plants or nouns (default: animals-plants, unless --words or --pos).")
        String set;

        @Option(names = "--words", split = ",", description = "Your own words, comma-separated.")
        List<String> words;

        @Option(names = "--pos", paramLabel = "TAGGED", description = "A tagged corpus (word/tag tokens), e.g. brown-tagged.txt.gz: colour by part of speech.")
        String pos;

        @Option(names = "--per-class", defaultValue = "25", description = "With --pos: words per part of speech (default: ${DEFAULT-VALUE}).")
        int perClass;

        @Option(names = "--method", defaultValue = "both", description = "pca, tsne or both (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--out", defaultValue = "runs/embed", description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of t-SNE's start (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Also write each layout's coordinates as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            List<WordMap.Method> methods = switch (method) {
                case "pca" -> List.of(WordMap.Method.PCA);
                case "tsne" -> List.of(WordMap.Method.TSNE);
                case "both" -> List.of(WordMap.Method.PCA, WordMap.Method.TSNE);
                default -> throw new IllegalArgumentException("--method must be pca, tsne or both, not '" + method + "'");
            };
            if ((set != null ? 1 : 0) + (words != null ? 1 : 0) + (pos != null ? 1 : 0) > 1) {
                throw new IllegalArgumentException("give one of --set, --words and --pos");
            }
            WordVectors v = WordVectors.load(vectors);
            PrintWriter stdout = spec.commandLine().getOut();
            String name;
            List<WordSets.Group> groups;
            if (pos != null) {
                name = "parts-of-speech";
                groups = PartsOfSpeech.read(Corpus.open(DataFiles.fileOrShared(pos), null)).groups(v, perClass);
            } else if (words != null) {
                name = "words";
                groups = WordSets.of(words);
            } else {
                name = set == null ? "animals-plants" : set;
                groups = WordSets.named(name);
            }
            List<String> missing = new ArrayList<>();
            groups = WordSets.known(groups, v, missing);
            if (!missing.isEmpty()) stdout.println("Not in the vectors' vocabulary, left out: " + String.join(", ", missing));
            for (WordMap.Method m : methods) {
                String title = String.format(Locale.ROOT, "%s of %s word vectors (%s)", m == WordMap.Method.PCA ? "PCA" : "t-SNE", name, vectors.getFileName());
                WordMap.Layout layout = WordMap.place(v, groups, m, seed, title);
                String base = name + "-" + m.name().toLowerCase(Locale.ROOT);
                stdout.println("Wrote " + Pictures.save(WordMap.draw(layout), out.resolve(base + ".png")));
                if (json) stdout.println("Wrote " + JsonFile.write(out.resolve(base + ".json"), layout));
            }
            return 0;
        }
    }

    private static Path sibling(Path file, String suffix) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + suffix);
    }

    private static Charts.Series series(List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Charts.Series("loss", x.length == 0 ? new double[] {0} : x, y.length == 0 ? new double[] {0} : y);
    }
}
