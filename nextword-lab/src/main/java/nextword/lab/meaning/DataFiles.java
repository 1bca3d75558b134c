package nextword.lab.meaning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nextword.data.Corpus;
import nextword.data.CorpusReader;

/**
 * Finds the project's shared read-only data (the Brown corpus and others) without copying it: under
 * {@code $NEXTWORD_SHARED}, or in a {@code shared/} folder of the working folder or any folder above it.
 */
public final class DataFiles {

    private DataFiles() {}

    /** The path of relative (e.g. "data/brown.txt.gz") inside the shared folder. */
    public static Path find(String relative) throws NoSuchFileException {
        List<Path> tried = new ArrayList<>();
        String configured = System.getenv("NEXTWORD_SHARED");
        if (configured != null && !configured.isBlank()) tried.add(Path.of(configured).resolve(relative));
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) tried.add(d.resolve("shared").resolve(relative));
        for (Path p : tried) if (Files.isRegularFile(p)) return p;
        throw new NoSuchFileException(relative + " (looked in $NEXTWORD_SHARED and in shared/ of this folder and those above; give the file's path instead)");
    }

    /** The corpus's text, up to about maxChars characters (whole chunks; a chunk ends where a word does). */
    public static String text(Corpus corpus, long maxChars) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (CorpusReader r = corpus.reader()) {
            for (CorpusReader.Chunk c; sb.length() < maxChars && (c = r.next()) != null; ) {
                sb.append(c.text(), 0, (int) Math.min(c.text().length(), maxChars - sb.length()));
                if (c.documentEnd()) sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** name if it is an existing file, else the shared file data/name. */
    public static Path fileOrShared(String name) throws NoSuchFileException {
        Path p = Path.of(name);
        if (Files.exists(p)) return p;
        return find("data/" + name);
    }
}
