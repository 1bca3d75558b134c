package nextword.data;

import java.io.IOException;
import java.nio.file.Path;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;

/**
 * Turns a corpus into a {@link TokenFile}: chunks are encoded in parallel ({@link ParallelChunks}) and
 * written in order, so the file is the same whatever the thread count. Between documents of a
 * many-document corpus it writes {@code <|endoftext|>} when the tokenizer has it, as GPT-2 was trained.
 */
public final class CorpusEncoder {

    /** The document separator GPT-2 uses. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    /** What was written. */
    public record Result(long tokens, long trainTokens, long validationTokens, int documents, long bytes, long malformed, String malformedReport) {}

    /** Told after each batch of chunks: bytes read of about total bytes, tokens written so far. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesDone, long bytesTotal, long tokens);
    }

    private CorpusEncoder() {}

    /** Encodes corpus with tokenizer into the token file target, the last validationFraction for validation. */
    public static Result encode(Corpus corpus, Tokenizer tokenizer, Path target, double validationFraction, Progress progress) throws IOException {
        if (!(validationFraction >= 0 && validationFraction < 1)) throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        Integer eot = corpus.documents() > 1 ? tokenizer.specialTokens().get(END_OF_TEXT) : null;
        int[] eotId = eot == null ? null : new int[] {eot};
        long total = corpus.sizeBytes();
        try (CorpusReader r = corpus.reader();
             TokenFile.Writer w = TokenFile.create(target, tokenizer.vocabSize(), Tokenizers.fingerprint(tokenizer))) {
            ParallelChunks.map(r, tokenizer::encode, (chunk, ids) -> {
                w.write(ids, 0, ids.length);
                if (eotId != null && chunk.documentEnd()) w.write(eotId, 0, 1);
                if (progress != null) progress.update(r.bytesRead(), total, w.count());
            });
            if (w.count() < 2) throw new IOException("corpus " + corpus.name() + " gives " + w.count() + " token(s); a token file needs at least 2");
            long count = w.count();
            long val = w.commit(validationFraction);
            return new Result(count, count - val, val, corpus.documents(), r.bytesRead(), r.malformed(), r.malformedReport());
        }
    }
}
