package nextword.app.cli;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nextword.ngram.Generator;
import nextword.ngram.NgramFiles;
import nextword.ngram.NgramModel;
import nextword.ngram.NgramText;
import nextword.ngram.Sampling;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.WordTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes text with an n-gram model: a saved one, or one counted from --corpus on the spot. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate letters, words or tokens from an n-gram model (--model DIR, or counted from --corpus), with temperature and top-k.")
public final class NgramGenerateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", description = "A folder written by 'nextword ngram train' (else a model is counted from --corpus).")
    Path model;

    @Mixin
    NgramTextOptions text;

    /** Without --model: how to make one from --corpus. */
    @Mixin
    NgramModelOptions make = new NgramModelOptions();

    @Option(names = {"--prompt", "--start"}, defaultValue = "", paramLabel = "TEXT", description = "Text to continue (the essay starts words from \"cat\").")
    String prompt;

    @Option(names = "--length", defaultValue = "100", paramLabel = "N", description = "How many tokens to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T", description = "1 samples the model as is, below 1 sharpens, 0 is greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "Sample only among the K likeliest tokens; 0 for all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed: the same seed gives the same text (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "N", description = "How many texts to write, one per paragraph (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() throws Exception {
        if (length < 0) throw new IllegalArgumentException("--length must be ≥ 0, got " + length);
        Sampling sampling = new Sampling(temperature, topK);
        NgramModel m;
        Tokenizer tokenizer;
        NgramText.Options options;
        if (model != null) {
            NgramFiles.Loaded loaded = NgramFiles.load(model);
            m = loaded.model();
            tokenizer = loaded.tokenizer();
            options = loaded.options();
        } else {
            NgramPipeline.Prepared p = NgramPipeline.prepare(text, System.err);
            m = make.smoothing().fit(NgramPipeline.count(p, make.order, System.err).counts());
            tokenizer = p.tokenizer();
            options = p.options();
        }
        String start = prompt.isEmpty() ? "" : options.normalize(prompt);
        int[] promptIds = tokenizer.encode(start);
        SplittableRandom rng = new SplittableRandom(seed);
        // "<unk>" stands for many rare words and is no word itself: a word model writes real words only.
        int[] never = tokenizer instanceof WordTokenizer ? new int[] {0} : new int[0];
        for (int s = 0; s < samples; s++) {
            int[] ids = Generator.generate(m, promptIds, length, sampling, rng, never);
            int[] all = java.util.Arrays.copyOf(promptIds, promptIds.length + ids.length);
            System.arraycopy(ids, 0, all, promptIds.length, ids.length);
            System.out.println(Generator.decode(tokenizer, all));
            if (s + 1 < samples) System.out.println();
        }
        return 0;
    }
}
