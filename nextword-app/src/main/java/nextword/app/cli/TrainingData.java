package nextword.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nextword.data.Corpus;
import nextword.data.CorpusEncoder;
import nextword.data.TokenFile;
import nextword.tokenize.BpeTrainer;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;

/**
 * A run's data in its output folder: the tokenizer (saved beside the model, so the folder is a complete
 * model) and the corpus encoded once into {@value #TOKENS}, its tail held out for validation.
 */
record TrainingData(Tokenizer tokenizer, TokenFile tokens, double bytesPerToken) implements AutoCloseable {

    static final String TOKENS = "tokens.bin";

    /** Builds or loads the tokenizer named by spec (also {@code bpe:N}: a byte-level BPE of N ids trained here), then encodes. */
    static TrainingData prepare(Corpus corpus, String spec, Path out, double validationFraction, ProgressLine progress) throws IOException {
        Files.createDirectories(out);
        Tokenizer tokenizer;
        if (spec.startsWith("bpe:")) {
            int n = positive(spec.substring(4), spec);
            tokenizer = BpeTrainer.train(corpus, n, (phase, done, total) ->
                    progress.show(done, total, "training the tokenizer: " + phase, false));
            progress.finish();
        } else {
            tokenizer = Tokenizers.load(spec, corpus, List.of());
        }
        Tokenizers.save(tokenizer, out);
        long t0 = System.nanoTime();
        CorpusEncoder.Result r = CorpusEncoder.encode(corpus, tokenizer, out.resolve(TOKENS), validationFraction,
                (done, total, count) -> progress.show(done, total, String.format(Locale.ROOT, "tokenizing %s: %,d tokens", corpus.name(), count), false));
        progress.finish();
        progress.message(String.format(Locale.ROOT, "corpus %s: %,d documents, %,d bytes → %,d tokens (vocabulary %,d; %,d for validation) in %.1f s",
                corpus.name(), r.documents(), r.bytes(), r.tokens(), tokenizer.vocabSize(), r.validationTokens(), (System.nanoTime() - t0) / 1e9));
        return new TrainingData(tokenizer, TokenFile.open(out.resolve(TOKENS)), (double) r.bytes() / r.tokens());
    }

    /** The data of a run being resumed: its saved tokenizer and token file, which must belong together. */
    static TrainingData reopen(Path out) throws IOException {
        Tokenizer tokenizer = Tokenizers.load(out.toString());
        TokenFile tokens = TokenFile.open(out.resolve(TOKENS));
        if (tokens.fingerprint() != Tokenizers.fingerprint(tokenizer)) {
            tokens.close();
            throw new IOException(out.resolve(TOKENS) + " was not made by the tokenizer saved in " + out);
        }
        return new TrainingData(tokenizer, tokens, Double.NaN);
    }

    private static int positive(String n, String spec) {
        try {
            int v = Integer.parseInt(n);
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("'" + spec + "': the vocabulary size after bpe: must be a positive integer");
    }

    @Override
    public void close() {
        tokens.close();
    }
}
