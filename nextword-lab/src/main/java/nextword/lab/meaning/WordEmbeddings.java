package nextword.lab.meaning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.data.Corpus;
import nextword.lab.Experiment;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.lab.plot.Pictures;

/**
 * Word embeddings as {@code nextword lab embeddings}: word2vec on the Brown corpus (the quick form on its
 * first 1.5 million characters, three epochs of 50 numbers per word), its nearest words and analogies, and
 * maps of animals and plants, common nouns and parts of speech.
 */
public final class WordEmbeddings extends Experiment {

    static final int QUICK_CHARS = 1_500_000;

    public WordEmbeddings() {
        super("embeddings",
                "Word2vec on the Brown corpus: words as points in space, their nearest neighbours, analogies, and maps of words by PCA and t-SNE.");
    }

    @Override
    public Result run(LabContext c) throws IOException {
        Corpus brown = Corpus.open(DataFiles.find("data/brown.txt.gz"), null);
        if (c.quick()) brown = Corpus.of("the first " + QUICK_CHARS + " characters of the Brown corpus", DataFiles.text(brown, QUICK_CHARS));
        Word2Vec.Options d = Word2Vec.Options.defaults();
        Word2Vec.Options o = new Word2Vec.Options(c.quick() ? 50 : d.dim(), d.window(), d.negatives(), c.quick() ? 3 : d.epochs(), d.sample(),
                d.learningRate(), c.seed());
        Sentences data = Sentences.read(brown, 5);
        long t0 = System.nanoTime();
        long[] nextReport = {0};
        WordVectors v = Word2Vec.train(data, o, (done, total, rate, lr, loss) -> {
            if (done >= nextReport[0]) {
                nextReport[0] = done + total / 5;
                c.log(String.format(Locale.ROOT, "embeddings: %,d of %,d words, %,.0f words/s, loss %.3f", done, total, rate, loss));
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        v.save(c.file("brown.vec"));

        Result r = new Result();
        r.number("words trained on (each epoch)", data.totalWords());
        r.number("vocabulary (words used 5+ times)", data.words().size());
        r.number("training speed (words/s)", o.epochs() * data.totalWords() / seconds);
        Map<String, Object> numbers = new LinkedHashMap<>();
        Map<String, List<WordVectors.Neighbour>> near = new LinkedHashMap<>();
        for (String w : List.of("man", "monday", "blue", "france", "river", "said")) if (v.contains(w)) near.put(w, v.nearest(w, 8));
        numbers.put("nearest", near);
        Map<String, List<WordVectors.Neighbour>> analogies = new LinkedHashMap<>();
        for (String[] q : new String[][] {{"he", "she", "his", "her"}, {"go", "went", "take", "took"}, {"good", "better", "bad", "worse"}}) {
            if (!(v.contains(q[0]) && v.contains(q[1]) && v.contains(q[2]))) continue;
            List<WordVectors.Neighbour> answers = v.analogy(q[0], q[1], q[2], 5);
            analogies.put(q[0] + " : " + q[1] + " :: " + q[2] + " : ?", answers);
            r.number(q[0] + " : " + q[1] + " :: " + q[2] + " : ? answered '" + q[3] + "' first (1 yes, 0 no)", answers.getFirst().word().equals(q[3]) ? 1 : 0);
        }
        numbers.put("analogies", analogies);
        if (v.contains("monday")) {
            List<String> days = List.of("tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
            r.number("other weekdays among the 5 words nearest to 'monday'", v.nearest("monday", 5).stream().filter(n -> days.contains(n.word())).count());
        }
        JsonFile.write(c.file("word-embeddings.json"), numbers);

        List<String> missing = new ArrayList<>();
        List<WordSets.Group> animalsPlants = WordSets.known(WordSets.named("animals-plants"), v, missing);
        String left = missing.isEmpty() ? "" : " Too rare in the corpus to learn, left out: " + String.join(", ", missing) + ".";
        map(c, r, v, animalsPlants, WordMap.Method.PCA, "animals-plants-pca",
                "Animal and plant words by PCA (the two directions of greatest spread)." + left);
        map(c, r, v, animalsPlants, WordMap.Method.TSNE, "animals-plants-tsne", "The same words by t-SNE, which keeps neighbourhoods rather than distances.");
        map(c, r, v, WordSets.known(WordSets.named("nouns"), v, new ArrayList<>()), WordMap.Method.TSNE, "nouns-tsne",
                "Common nouns by t-SNE: family, body, time, place, country, colour and number words each gather in a region of their own.");
        PartsOfSpeech pos = PartsOfSpeech.read(Corpus.open(DataFiles.find("data/brown-tagged.txt.gz"), null));
        map(c, r, v, pos.groups(v, 25), WordMap.Method.TSNE, "parts-of-speech-tsne",
                "The 25 commonest words of each part of speech (from the tagged Brown corpus) by t-SNE: grammar shows in the vectors too.");
        return r;
    }

    private static void map(LabContext c, Result r, WordVectors v, List<WordSets.Group> groups, WordMap.Method m, String base, String caption)
            throws IOException {
        WordMap.Layout layout = WordMap.place(v, groups, m, c.seed(), (m == WordMap.Method.PCA ? "PCA" : "t-SNE") + " of word2vec vectors from the Brown corpus");
        JsonFile.write(c.file(base + ".json"), layout);
        r.figure(Pictures.save(WordMap.draw(layout), c.file(base + ".png")), caption);
    }
}
