package nextword.tokenize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import nextword.data.Corpus;
import nextword.data.CorpusReader;
import nextword.testing.SharedData;

/**
 * The corpora the tokenizer is compared on, as chunks (each chunk is tokenized alone, exactly as
 * {@code prepare} does). The JDK part is bounded to keep the suite quick: java.base's java/util
 * package (about 8 MB of source). {@code -Dnextword.jdk.include=GLOB} widens it (the whole of java.base,
 * {@code 'java.base/**.java'}, or every module, {@code '**'}) for the comparison run by hand (docs/TOKENIZERS.md).
 */
final class TestCorpora {

    static final String JDK_SUBSET = "java.base/java/util/**.java";

    private TestCorpora() {}

    static List<String> chunks(Corpus corpus) {
        List<String> out = new ArrayList<>();
        try (CorpusReader r = corpus.reader()) {
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) out.add(c.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Corpus shared(String relative) {
        try {
            return Corpus.open(SharedData.require(relative), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Corpus jdkSubset() {
        try {
            return Corpus.open(Corpus.JDK, System.getProperty("nextword.jdk.include", JDK_SUBSET));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
