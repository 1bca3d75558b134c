package nextword.lab.meaning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nextword.data.Corpus;
import nextword.lab.Experiment;
import nextword.lab.LabContext;
import nextword.lab.Result;
import nextword.lab.plot.Pictures;
import nextword.model.GptConfig;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import nextword.tokenize.WordTokenizer;
import nextword.train.Checkpoint;
import nextword.train.TokenWindows;
import nextword.train.TrainOptions;
import nextword.train.Trainer;

/**
 * The looks inside a GPT as {@code nextword lab inside-gpt}. It trains its own small model first, on the Brown
 * corpus with a word tokenizer (words make the tables and paths readable): 4 blocks of width 128 and 8,000 words
 * (the quick form: 2 blocks of width 32, 1,000 words, the corpus's first 400,000 characters, a few steps).
 * Then: the embedding arrays, attention, weights, the logit lens and the trajectory of the essay's prompt.
 */
public final class InsideGpt extends Experiment {

    static final String PROMPT = "The best thing about AI is its ability to";

    public InsideGpt() {
        super("inside-gpt",
                "A small GPT trained on the Brown corpus, seen from inside: embeddings, attention, weights, the logit lens, and a text's path through its space.");
    }

    @Override
    public Result run(LabContext c) throws IOException {
        boolean q = c.quick();
        Corpus brown = Corpus.open(DataFiles.find("data/brown.txt.gz"), null);
        String text = DataFiles.text(brown, q ? 400_000 : Long.MAX_VALUE);
        Tokenizer words = WordTokenizer.build(Corpus.of("brown", text), q ? 1_000 : 8_000);
        int[] ids = words.encode(text);
        GptConfig config = GptConfig.preset(q ? "tiny" : "mini").withVocabSize(words.vocabSize()).withContextLength(q ? 32 : 64);
        int steps = q ? 30 : 500;
        TrainOptions o = new TrainOptions(q ? 8 : 16, config.contextLength(), 1, steps, 0, 2e-3f, 2e-4f, steps / 10, 0.1f, 0.9f, 0.95f, 1e-8f, 1f,
                0, 0, 0, 0, 0, c.seed());
        Path model = c.file("model");
        Trainer trainer = Trainer.fresh(config, o, TokenWindows.random(ids, c.seed()), null, model).listener(new Trainer.Listener() {
            @Override
            public void stepped(Trainer.Progress p) {
                if ((p.step() + 1) % 100 == 0) c.log(String.format(Locale.ROOT, "inside-gpt: step %d/%d, loss %.3f, %,.0f tokens/s", p.step() + 1, steps, p.loss(), p.tokensPerSecond()));
            }
        });
        Trainer.Result trained = trainer.run();
        Tokenizers.save(words, model);
        Files.deleteIfExists(model.resolve(Checkpoint.FILE));

        GptProbe probe = new GptProbe(trainer.model(), words, "a word-level GPT trained on Brown");
        String name = probe.name();
        Result r = new Result();
        r.number("parameters", config.parameterCount());
        r.number("training tokens seen", (double) steps * o.tokensPerStep());
        r.number("final training loss (nats per word)", trained.trainLoss());

        String repeated = known(words, "hello") && known(words, "bye") ? EmbeddingArrays.DEFAULT_TEXT : ("good ".repeat(10) + "bad ".repeat(10)).trim();
        EmbeddingArrays arrays = EmbeddingArrays.of(probe, repeated);
        JsonFile.write(c.file("embeddings.json"), arrays);
        r.figure(Pictures.save(arrays.draw(name), c.file("embeddings.png")), "The token and position embeddings of \"" + repeated.substring(0, repeated.indexOf(' '))
                + "\" ten times and then another word ten times, and their sum, which block 1 reads: the token rows repeat, the position rows drift down the text.");
        GptProbe.Pass pass = probe.run(PROMPT);
        r.figure(Pictures.save(AttentionMaps.draw(name + ": the heads of block 1", AttentionMaps.block(pass, config.heads(), 0), pass.labels()),
                c.file("attention-block-1.png")), "Attention weights of every head of block 1: each row shares one position's attention over the positions up to it.");
        r.figure(Pictures.save(AttentionMaps.draw(name + ": the first head of every block", AttentionMaps.firstHeads(pass), pass.labels()),
                c.file("attention-first-heads.png")), "The first attention head of each block side by side: how the pattern of attention changes with depth.");
        String tensor = "h.0.attn.c_proj.weight";
        r.figure(Pictures.save(WeightPictures.drawMatrix(name, tensor, WeightPictures.matrix(probe.gpt().weights(), tensor)), c.file("weights-matrix.png")),
                "Block 1's attention output weights: random-looking numbers, but their moving average over 64×64 squares shows structure that training left.");
        WeightPictures.Histogram h = WeightPictures.histogram(probe.gpt().weights(), 100);
        JsonFile.write(c.file("weights-histogram.json"), h);
        r.figure(Pictures.save(WeightPictures.drawHistogram(name, h), c.file("weights-histogram.png")), "The distribution of weight values in each block's matrices.");
        LogitLens lens = LogitLens.of(probe, pass, 5);
        JsonFile.write(c.file("lens.json"), lens);
        r.figure(Pictures.save(lens.draw(name), c.file("lens.png")), "The logit lens: what the model would predict next if it stopped after each block.");
        Trajectory t = Trajectory.of(probe, PROMPT, Math.min(12, config.contextLength() - pass.length()), 5, 0, c.seed());
        JsonFile.write(c.file("trajectory.json"), t);
        r.figure(Pictures.save(t.draw2d(), c.file("trajectory-2d.png")),
                "Semantic laws of motion: the prompt and its continuation as a path through the token-embedding space, with the fan of likely next words at each step.");
        r.figure(Pictures.save(t.draw3d(), c.file("trajectory-3d.png")), "The same path in three principal components, seen at an angle; nearer points are drawn larger.");
        int layers = config.layers(), agree = 0;
        for (int i = 0; i < pass.length(); i++) {
            if (lens.top().get(1).get(i).getFirst().id() == lens.top().get(layers).get(i).getFirst().id()) agree++;
        }
        r.number("logit lens: positions where block 1 already guesses the final answer (share)", (double) agree / pass.length());
        return r;
    }

    /** Whether the tokenizer has word as one token of its own. */
    static boolean known(Tokenizer t, String word) {
        int[] ids = t.encode(word);
        return ids.length == 1 && t.piece(ids[0]).strip().equals(word);
    }
}
