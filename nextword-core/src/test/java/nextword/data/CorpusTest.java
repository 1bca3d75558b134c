package nextword.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @TempDir
    Path dir;

    private static List<CorpusReader.Chunk> chunks(Corpus c) throws IOException {
        List<CorpusReader.Chunk> out = new ArrayList<>();
        try (CorpusReader r = c.reader()) {
            for (CorpusReader.Chunk ch; (ch = r.next()) != null; ) out.add(ch);
        }
        return out;
    }

    private static String text(Corpus c) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (CorpusReader.Chunk ch : chunks(c)) sb.append(ch.text());
        return sb.toString();
    }

    @Test
    void fileGzipAndStdinGiveTheSameText() throws IOException {
        String t = "Hello, wörld! 😀\nsecond line\n";
        Path plain = Files.writeString(dir.resolve("a.txt"), t);
        Path gz = dir.resolve("a.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(t.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(t, text(Corpus.open(plain.toString(), null)));
        assertEquals(t, text(Corpus.open(gz.toString(), null)));
        assertEquals(t.getBytes(StandardCharsets.UTF_8).length, Corpus.open(gz.toString(), null).sizeBytes());
        var in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(t.getBytes(StandardCharsets.UTF_8)));
            Corpus stdin = Corpus.open("-", null);
            assertEquals(t, text(stdin));
            assertEquals(t, text(stdin), "standard input can be read twice");
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void folderIsRecursiveSortedAndFiltered() throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("b.txt"), "B");
        Files.writeString(dir.resolve("a.txt"), "A");
        Files.writeString(dir.resolve("sub/deeper/c.txt"), "C");
        Files.writeString(dir.resolve("sub/skip.md"), "X");
        Files.writeString(dir.resolve(".git/config.txt"), "hidden");
        Corpus c = Corpus.open(dir.toString(), "*.txt");
        assertEquals(3, c.documents());
        List<CorpusReader.Chunk> ch = chunks(c);
        assertEquals(List.of("A", "B", "C"), ch.stream().map(CorpusReader.Chunk::text).toList());
        assertTrue(ch.stream().allMatch(CorpusReader.Chunk::documentEnd));
        assertEquals("C", text(Corpus.open(dir.toString(), "sub/**.txt")));
        assertEquals(4, Corpus.open(dir.toString(), null).documents());
        var e = assertThrows(IOException.class, () -> Corpus.open(dir.toString(), "*.rst"));
        assertTrue(e.getMessage().contains("*.rst") && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void zipEntriesByPattern() throws IOException {
        Path zip = dir.resolve("src.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("m/p/B.java", "m/p/A.java", "m/p/readme.txt", "other/C.java")) {
                z.putNextEntry(new ZipEntry(name));
                z.write(("class " + name).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        assertEquals("class m/p/A.javaclass m/p/B.java", text(Corpus.open(zip.toString(), "m/**.java")));
        assertEquals(3, Corpus.open(zip.toString(), "*.java").documents());
    }

    @Test
    void theJdkSourcesAreTheDefaultCorpus() throws IOException {
        Corpus jdk = Corpus.open(Corpus.JDK, "java.base/java/lang/Object.java");
        assertEquals(1, jdk.documents());
        assertTrue(text(jdk).contains("public class Object"));
        assertTrue(Corpus.open(Corpus.JDK, null).documents() > 1000);
    }

    @Test
    void malformedUtf8IsReplacedAndCounted() throws IOException {
        byte[] bytes = {'o', 'k', ' ', (byte) 0xC3, ' ', (byte) 0xFF, (byte) 0xFE, 'x', (byte) 0xE2, (byte) 0x82};
        Path p = Files.write(dir.resolve("bad.txt"), bytes);
        Corpus c = Corpus.open(p.toString(), null);
        try (CorpusReader r = c.reader()) {
            assertEquals("ok \uFFFD \uFFFD\uFFFDx\uFFFD", r.next().text());
            assertNull(r.next());
            assertEquals(4, r.malformed());
            assertTrue(r.malformedReport().startsWith("4 malformed UTF-8 sequences") && r.malformedReport().contains("bad.txt"), r.malformedReport());
        }
    }

    @Test
    void clearErrorsNameThePath() throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertTrue(assertThrows(NoSuchFileException.class, () -> Corpus.open(missing.toString(), null)).getMessage().contains("nope.txt"));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        var e = assertThrows(IOException.class, () -> text(Corpus.open(empty.toString(), null)));
        assertTrue(e.getMessage().contains("empty.txt") && e.getMessage().contains("empty"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.zip"), "this is not a zip file");
        e = assertThrows(IOException.class, () -> Corpus.open(junk.toString(), null));
        assertTrue(e.getMessage().startsWith("cannot read archive") && e.getMessage().contains("junk.zip"), e.getMessage());
        Path badGz = Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        e = assertThrows(IOException.class, () -> text(Corpus.open(badGz.toString(), null)));
        assertTrue(e.getMessage().contains("bad.gz"), e.getMessage());
    }

    @Test
    void bigTextIsCutOnlyWhereAWordEnds() throws IOException {
        StringBuilder sb = new StringBuilder();
        var rng = new java.util.SplittableRandom(3);
        while (sb.length() < 3 * CorpusReader.CHUNK_CHARS) {
            sb.append(rng.nextInt(10) == 0 ? "  \n" : " ").append("w").append(rng.nextInt(1000)).append(rng.nextInt(7) == 0 ? "." : "");
        }
        String t = sb.toString();
        List<CorpusReader.Chunk> ch = chunks(Corpus.of("big", t));
        assertTrue(ch.size() >= 3, ch.size() + " chunks");
        assertEquals(t, String.join("", ch.stream().map(CorpusReader.Chunk::text).toList()));
        for (int i = 0; i + 1 < ch.size(); i++) {
            String a = ch.get(i).text(), b = ch.get(i + 1).text();
            char last = a.charAt(a.length() - 1);
            assertTrue(last > ' ' && last < 0x7f && (b.charAt(0) == ' ' || b.charAt(0) == '\n'), "cut between '" + last + "' and '" + b.charAt(0) + "'");
        }
        assertTrue(ch.get(ch.size() - 1).documentEnd());
    }
}
