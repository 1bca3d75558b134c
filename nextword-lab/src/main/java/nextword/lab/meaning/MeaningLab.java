package nextword.lab.meaning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nextword.data.Corpus;
import nextword.lab.plot.Png;

/**
 * The meaning-space looks as experiments with fixed settings, each writing its PNG and JSON files into a
 * folder and returning its figures: what {@code nextword lab} runs and its page shows.
 */
public final class MeaningLab {

    private MeaningLab() {}

    /**
     * word2vec on the Brown corpus (quick: one epoch of 50 numbers per word, else five of 100), nearest
     * neighbours of a few words, and maps of animals and plants, common nouns, and parts of speech.
     */
    public static List<Figure> wordEmbeddings(Path out, boolean quick, Word2Vec.Listener listener) throws IOException {
        Word2Vec.Options d = Word2Vec.Options.defaults();
        Word2Vec.Options o = quick ? new Word2Vec.Options(50, d.window(), d.negatives(), 1, d.sample(), d.learningRate(), d.seed()) : d;
        Sentences brown = Sentences.read(Corpus.open(DataFiles.find("data/brown.txt.gz"), null), 5);
        long t0 = System.nanoTime();
        WordVectors v = Word2Vec.train(brown, o, listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        v.save(out.resolve("brown.vec"));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("options", o);
        numbers.put("words", brown.totalWords());
        numbers.put("vocabulary", brown.words().size());
        numbers.put("words_per_second", o.epochs() * brown.totalWords() / seconds);
        Map<String, List<WordVectors.Neighbour>> near = new LinkedHashMap<>();
        for (String w : List.of("man", "monday", "blue", "france", "dog", "money")) if (v.contains(w)) near.put(w, v.nearest(w, 8));
        numbers.put("nearest", near);
        Map<String, List<WordVectors.Neighbour>> analogies = new LinkedHashMap<>();
        for (String[] q : new String[][] {{"man", "woman", "king"}, {"france", "paris", "england"}, {"big", "bigger", "small"}}) {
            if (v.contains(q[0]) && v.contains(q[1]) && v.contains(q[2])) analogies.put(q[0] + " : " + q[1] + " :: " + q[2] + " : ?", v.analogy(q[0], q[1], q[2], 5));
        }
        numbers.put("analogies", analogies);
        JsonFile.write(out.resolve("word-embeddings.json"), numbers);

        List<Figure> figures = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<WordSets.Group> animalsPlants = WordSets.known(WordSets.named("animals-plants"), v, missing);
        for (WordMap.Method m : WordMap.Method.values()) {
            String name = m == WordMap.Method.PCA ? "PCA" : "t-SNE";
            figures.add(map(out, v, animalsPlants, m, "animals-plants-" + m.name().toLowerCase(java.util.Locale.ROOT),
                    name + " of animal and plant words", "Word2vec vectors from the Brown corpus, flattened by " + name
                            + ". Brown's million words are too few for rare words: left out for lack of data: " + String.join(", ", missing) + "."));
        }
        figures.add(map(out, v, WordSets.known(WordSets.named("nouns"), v, new ArrayList<>()), WordMap.Method.TSNE, "nouns-tsne",
                "t-SNE of common nouns", "Family, body, time, place, country, colour and number words each gather in their own region."));
        PartsOfSpeech pos = PartsOfSpeech.read(Corpus.open(DataFiles.find("data/brown-tagged.txt.gz"), null));
        figures.add(map(out, v, pos.groups(v, 25), WordMap.Method.TSNE, "parts-of-speech-tsne", "t-SNE of words by part of speech",
                "The 25 commonest words of each part of speech in the tagged Brown corpus: grammar shows up in the vectors too."));
        return figures;
    }

    private static Figure map(Path out, WordVectors v, List<WordSets.Group> groups, WordMap.Method m, String base, String title, String caption)
            throws IOException {
        WordMap.Layout layout = WordMap.place(v, groups, m, 1, title);
        JsonFile.write(out.resolve(base + ".json"), layout);
        return new Figure(Png.save(WordMap.draw(layout), out.resolve(base + ".png")), title, caption);
    }

    /** Every look inside the model in dir: embeddings, attention, weights, the logit lens and a trajectory. */
    public static List<Figure> insideGpt(Path out, Path model, String text) throws IOException {
        GptProbe probe = GptProbe.open(model);
        String name = probe.name();
        List<Figure> figures = new ArrayList<>();
        try {
            EmbeddingArrays arrays = EmbeddingArrays.of(probe, EmbeddingArrays.DEFAULT_TEXT);
            JsonFile.write(out.resolve("embeddings.json"), arrays);
            figures.add(new Figure(Png.save(arrays.draw(name), out.resolve("embeddings.png")), "Token and position embeddings",
                    "\"hello\" ten times then \"bye\" ten times: the token rows repeat, the position rows change along the text."));
        } catch (IllegalArgumentException e) {
            // A character model may lack the letters of "hello"; the other looks use the caller's text.
        }
        GptProbe.Pass pass = probe.run(text);
        figures.add(new Figure(Png.save(AttentionMaps.draw(name + ": the heads of block 1", AttentionMaps.block(pass, probe.config().heads(), 0), pass.labels()),
                out.resolve("attention-block-1.png")), "Attention heads of block 1", "Each row: how one position shares its attention over the positions up to it."));
        figures.add(new Figure(Png.save(AttentionMaps.draw(name + ": the first head of every block", AttentionMaps.firstHeads(pass), pass.labels()),
                out.resolve("attention-first-heads.png")), "The first head of every block", "Later blocks attend differently from earlier ones."));
        String tensor = "h.0.attn.c_proj.weight";
        figures.add(new Figure(Png.save(WeightPictures.drawMatrix(name, tensor, WeightPictures.matrix(probe.gpt().weights(), tensor)),
                out.resolve("weights-" + tensor + ".png")), "A weight matrix and its moving average", "Random-looking numbers; averaged over 64×64 squares, structure appears."));
        WeightPictures.Histogram h = WeightPictures.histogram(probe.gpt().weights(), 100);
        JsonFile.write(out.resolve("weights-histogram.json"), h);
        figures.add(new Figure(Png.save(WeightPictures.drawHistogram(name, h), out.resolve("weights-histogram.png")), "Weight values per block",
                "The distribution of every block's matrix weights."));
        LogitLens lens = LogitLens.of(probe, pass, 5);
        JsonFile.write(out.resolve("lens.json"), lens);
        figures.add(new Figure(Png.save(lens.draw(name), out.resolve("lens.png")), "Logit lens",
                "What the model would predict next if it stopped after each block."));
        Trajectory t = Trajectory.of(probe, text, Math.min(12, probe.config().contextLength() - pass.length()), 5, 0, 1);
        JsonFile.write(out.resolve("trajectory.json"), t);
        figures.add(new Figure(Png.save(t.draw2d(), out.resolve("trajectory-2d.png")), "Trajectory in embedding space",
                "The prompt and its continuation as a path through token-embedding space, with the fan of likely next tokens at each step."));
        figures.add(new Figure(Png.save(t.draw3d(), out.resolve("trajectory-3d.png")), "Trajectory in 3-D", "The same path in three principal components."));
        return figures;
    }
}
