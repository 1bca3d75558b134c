package nextword.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A body of text to learn from, read one way whatever holds it: a file, a folder (recursively), a
 * {@code .gz}, a {@code .zip}/{@code .jar} (its entries), standard input, or text in memory. It is read as
 * a stream of chunks (see {@link CorpusReader}), never whole, so gigabyte corpora fit in a small heap; each
 * file or entry is a document.
 *
 * <p>The default corpus, {@value #JDK}, is the Java source of the running JDK ({@code lib/src.zip}, module
 * {@code java.base}): present wherever nextword runs.
 */
public final class Corpus {

    /** The name of the default corpus: the running JDK's java.base sources. */
    public static final String JDK = "jdk";
    static final String JDK_INCLUDE = "java.base/**.java";

    /** One file or archive entry; size is its uncompressed length where known (for progress), else -1. */
    record Document(String name, Path file, String entry, boolean gzip, long size, String text) {}

    private final String name;
    private final Path archive;
    private final List<Document> documents;

    private Corpus(String name, Path archive, List<Document> documents) {
        this.name = name;
        this.archive = archive;
        this.documents = List.copyOf(documents);
    }

    /**
     * Opens a corpus. spec: a path (file, folder, .gz, .zip, .jar), {@code -} for standard input (kept in a
     * temporary file so it can be read twice), or {@value #JDK}. include: a glob choosing the files of a
     * folder or the entries of an archive; without a '/' it matches the file name ({@code *.txt}), with one
     * the path inside ({@code java.base/java/util/**.java}); null means every file.
     */
    public static Corpus open(String spec, String include) throws IOException {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("no corpus given");
        if (spec.equals("-")) return stdin(include);
        if (spec.equals(JDK)) {
            Path src = Path.of(System.getProperty("java.home"), "lib", "src.zip");
            if (!Files.isRegularFile(src)) throw new NoSuchFileException(src + " (this JDK ships no sources; give --corpus)");
            return archive(JDK, src, include == null ? JDK_INCLUDE : include);
        }
        return open(Path.of(spec), include);
    }

    /** Opens the corpus at path (see {@link #open(String, String)}). */
    public static Corpus open(Path path, String include) throws IOException {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        if (!Files.isReadable(path)) throw new java.nio.file.AccessDeniedException(path.toString());
        String lower = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (Files.isDirectory(path)) return folder(path, include);
        if (lower.endsWith(".zip") || lower.endsWith(".jar")) return archive(path.toString(), path, include);
        boolean gz = lower.endsWith(".gz");
        return new Corpus(path.toString(), null, List.of(new Document(path.toString(), path, null, gz, gz ? gzipSize(path) : Files.size(path), null)));
    }

    /** A corpus of one document held in memory (the text given on a command line, tests). */
    public static Corpus of(String name, String text) {
        return new Corpus(name, null, List.of(new Document(name, null, null, false, (long) text.length(), text)));
    }

    private static Corpus stdin(String include) throws IOException {
        Path tmp = Files.createTempFile("nextword-stdin", ".txt");
        tmp.toFile().deleteOnExit();
        Files.copy(System.in, tmp, StandardCopyOption.REPLACE_EXISTING);
        return new Corpus("standard input", null, List.of(new Document("standard input", tmp, null, false, Files.size(tmp), null)));
    }

    private static Corpus folder(Path dir, String include) throws IOException {
        PathMatcher match = matcher(include);
        List<Document> docs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                Path rel = dir.relativize(p);
                if (hidden(rel) || !Files.isRegularFile(p) || !matches(match, include, rel)) continue;
                boolean gz = p.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
                docs.add(new Document(p.toString(), p, null, gz, gz ? gzipSize(p) : Files.size(p), null));
            }
        }
        if (docs.isEmpty()) throw new IOException("no files" + (include == null ? "" : " matching '" + include + "'") + " in " + dir);
        return new Corpus(dir.toString(), null, docs);
    }

    private static Corpus archive(String name, Path zip, String include) throws IOException {
        PathMatcher match = matcher(include);
        List<Document> docs = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory() || !matches(match, include, Path.of(e.getName()))) continue;
                docs.add(new Document(zip + "!" + e.getName(), zip, e.getName(), false, e.getSize(), null));
            }
        } catch (ZipException e) {
            throw new IOException("cannot read archive " + zip + ": " + e.getMessage());
        }
        if (docs.isEmpty()) throw new IOException("no entries" + (include == null ? "" : " matching '" + include + "'") + " in " + zip);
        docs.sort(java.util.Comparator.comparing(Document::entry));
        return new Corpus(name, zip, docs);
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static PathMatcher matcher(String include) {
        if (include == null || include.isBlank()) return null;
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + include);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad include pattern '" + include + "': " + e.getMessage());
        }
    }

    private static boolean matches(PathMatcher m, String include, Path rel) {
        if (m == null) return true;
        return include.contains("/") ? m.matches(rel) : rel.getFileName() != null && m.matches(rel.getFileName());
    }

    /** The uncompressed size gzip records in its last four bytes (modulo 4 GiB; only for progress). */
    private static long gzipSize(Path gz) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(gz.toFile(), "r")) {
            if (f.length() < 18) return -1;
            f.seek(f.length() - 4);
            long b0 = f.read(), b1 = f.read(), b2 = f.read(), b3 = f.read();
            return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
        }
    }

    /** What the corpus is called in messages (its path, "jdk", "standard input"). */
    public String name() {
        return name;
    }

    /** How many documents (files or entries) it has. */
    public int documents() {
        return documents.size();
    }

    /** The total uncompressed size in bytes, for progress; an estimate for .gz files. */
    public long sizeBytes() {
        long sum = 0;
        for (Document d : documents) sum += Math.max(0, d.size());
        return sum;
    }

    /** Starts a pass over the text. Passes are independent: open as many as needed, close each. */
    public CorpusReader reader() throws IOException {
        ZipFile zip = null;
        if (archive != null) {
            try {
                zip = new ZipFile(archive.toFile());
            } catch (ZipException e) {
                throw new IOException("cannot read archive " + archive + ": " + e.getMessage());
            }
        }
        return new CorpusReader(this, documents, zip);
    }

    static InputStream open(Document d, ZipFile zip) throws IOException {
        if (d.text() != null) throw new IllegalStateException("in-memory documents have no stream");
        if (d.entry() != null) {
            ZipEntry e = zip.getEntry(d.entry());
            if (e == null) throw new IOException("entry " + d.entry() + " vanished from " + d.file());
            return zip.getInputStream(e);
        }
        InputStream in = Files.newInputStream(d.file());
        return d.gzip() ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
