package nextword.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
 * model) and the corpus encoded once into {@value TokenFile#NAME}, its tail held out for validation.
 */
record TrainingData(Tokenizer tokenizer, TokenFile tokens, double bytesPerToken) implements AutoCloseable {

    /** Builds or loads the tokenizer named by spec (also {@code bpe:N}: a byte-level BPE of N ids trained here), then encodes. */
    static TrainingData prepare(Corpus corpus, String spec, Path out, double validationFraction, PrintWriter err) throws IOException {
        Files.createDirectories(out);
        Tokenizer tokenizer;
        if (spec.startsWith("bpe:")) {
            int n = positive(spec.substring(4), spec);
            ProgressLine progress = new ProgressLine(err, "tokenizer");
            tokenizer = BpeTrainer.train(corpus, n, (phase, done, total) -> progress.status(done, total, phase));
            progress.done();
        } else {
            tokenizer = Tokenizers.load(spec, corpus, List.of());
        }
        Tokenizers.save(tokenizer, out);
        long t0 = System.nanoTime();
        ProgressLine progress = new ProgressLine(err, "tokenizing");
        CorpusEncoder.Result r = CorpusEncoder.encode(corpus, tokenizer, out.resolve(TokenFile.NAME), validationFraction,
                (done, total, count) -> progress.bytes(done, total, count, "tokens"));
        progress.done();
        CorpusOptions.reportMalformed(err, r.malformedReport());
        err.println(String.format(Locale.ROOT, "corpus %s: %,d documents, %,d bytes → %,d tokens (vocabulary %,d; %,d for validation) in %.1f s",
                corpus.name(), r.documents(), r.bytes(), r.tokens(), tokenizer.vocabSize(), r.validationTokens(), (System.nanoTime() - t0) / 1e9));
        return new TrainingData(tokenizer, TokenFile.open(out.resolve(TokenFile.NAME)), (double) r.bytes() / r.tokens());
    }

    /**
     * Data prepared earlier in dir (by {@code nextword prepare}, or by a run being resumed): its tokenizer and
     * token file, which must belong together. The tokenizer is also saved into out, the model folder.
     */
    static TrainingData reopen(Path dir, Path out) throws IOException {
        if (!Files.isRegularFile(dir.resolve(TokenFile.NAME))) throw new java.nio.file.NoSuchFileException(dir.resolve(TokenFile.NAME) + " (prepare the data first)");
        Tokenizer tokenizer = Tokenizers.load(dir.toString());
        TokenFile tokens = TokenFile.open(dir.resolve(TokenFile.NAME));
        if (tokens.fingerprint() != Tokenizers.fingerprint(tokenizer)) {
            tokens.close();
            throw new IOException(dir.resolve(TokenFile.NAME) + " was not made by the tokenizer saved in " + dir);
        }
        if (!dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) Tokenizers.save(tokenizer, out);
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
