package nextword.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import nextword.data.Corpus;
import nextword.data.CorpusReader;
import picocli.CommandLine.Option;

/** A text given on the command line or read from a file: tokenize's and score's input (one of the two). */
final class TextInput {

    /** Larger inputs belong to 'nextword prepare'. */
    private static final long MAX_CHARS = 64L << 20;

    @Option(names = "--text", paramLabel = "TEXT", description = "The text itself.")
    String text;

    @Option(names = "--file", paramLabel = "F", description = "A file with the text (any corpus source, up to 64 Mi characters; '-' reads standard input).")
    String file;

    /** The text; a file is read whole, its malformed bytes reported on err. */
    String read(PrintWriter err) throws IOException {
        if (text != null) return text;
        Corpus c = Corpus.open(file, null);
        StringBuilder sb = new StringBuilder();
        try (CorpusReader r = c.reader()) {
            for (CorpusReader.Chunk ch; (ch = r.next()) != null; ) {
                if (sb.length() + (long) ch.text().length() > MAX_CHARS) throw new IllegalArgumentException(file + " is over 64 Mi characters: use 'nextword prepare' for corpora");
                sb.append(ch.text());
            }
            CorpusOptions.reportMalformed(err, r.malformedReport());
        }
        return sb.toString();
    }
}
