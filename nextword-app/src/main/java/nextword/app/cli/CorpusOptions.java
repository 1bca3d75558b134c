package nextword.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import nextword.data.Corpus;
import picocli.CommandLine.Option;

/** The options that name a corpus, shared by every command that reads one. */
final class CorpusOptions {

    @Option(names = "--corpus", paramLabel = "C",
            description = "Text to read: a file, a folder, .gz, .zip/.jar, '-' for standard input, or 'jdk' (this JDK's java.base sources; the default).")
    String corpus = Corpus.JDK;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Which files of a folder or entries of an archive: *.txt matches names, a glob with '/' matches paths inside (e.g. 'java.base/java/util/**.java').")
    String include;

    Corpus open() throws IOException {
        return Corpus.open(corpus, include);
    }

    /** Says once, on stderr, how many malformed UTF-8 sequences were replaced (nothing when none). */
    static void reportMalformed(PrintWriter err, String report) {
        if (report != null) err.println("nextword: warning: " + report);
    }
}
