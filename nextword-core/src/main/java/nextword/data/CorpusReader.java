package nextword.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * One pass over a {@link Corpus}: its text as chunks of about a million characters, in document order.
 *
 * <p>A chunk ends only where a word ends (a printable ASCII character followed by a space or newline) or
 * where its document ends, so a tokenizer that cuts text at white space, as GPT-2's pre-tokenizer and
 * the word tokenizer do, gives the same tokens chunk by chunk as over the whole document. Only text with
 * no such place in 8 Mi characters is cut elsewhere.
 *
 * <p>Bytes that are not UTF-8 become U+FFFD and are counted ({@link #malformed()}); they never stop the pass.
 */
public final class CorpusReader implements AutoCloseable {

    /** Some text of one document; documentEnd says it is that document's last chunk. */
    public record Chunk(String text, boolean documentEnd, String document) {}

    static final int CHUNK_CHARS = 1 << 20;
    private static final int MAX_CHUNK_CHARS = 1 << 23;

    private final Corpus corpus;
    private final List<Corpus.Document> documents;
    private final ZipFile zip;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);

    private int next;
    private Corpus.Document current;
    private InputStream in;
    private int textAt;
    private char[] buf = new char[CHUNK_CHARS + (1 << 17)];
    private int len;
    private long bytesRead;
    private long chars;
    private long malformed;
    private String firstMalformed;

    CorpusReader(Corpus corpus, List<Corpus.Document> documents, ZipFile zip) {
        this.corpus = corpus;
        this.documents = documents;
        this.zip = zip;
    }

    /** The next chunk, or null after the last. Throws when the whole corpus held no text at all. */
    public Chunk next() throws IOException {
        while (true) {
            if (current == null && !openNext()) {
                if (chars == 0) throw new IOException("corpus " + corpus.name() + " is empty");
                return null;
            }
            boolean more = fill();
            if (!more) {
                Chunk last = len == 0 ? null : take(len, true);
                closeCurrent();
                if (last != null) return last;
                continue;
            }
            int cut = wordEnd();
            if (cut > 0) return take(cut, false);
            if (len >= MAX_CHUNK_CHARS) return take(Character.isHighSurrogate(buf[len - 1]) ? len - 1 : len, false);
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /** Uncompressed bytes read so far (characters for text in memory). */
    public long bytesRead() {
        return bytesRead;
    }

    /** How many malformed UTF-8 sequences were replaced by U+FFFD so far. */
    public long malformed() {
        return malformed;
    }

    /** One line about replaced bytes, or null when there were none. */
    public String malformedReport() {
        if (malformed == 0) return null;
        return malformed + " malformed UTF-8 sequence" + (malformed == 1 ? "" : "s") + " replaced by U+FFFD (first in " + firstMalformed + ")";
    }

    private boolean openNext() throws IOException {
        if (next == documents.size()) return false;
        current = documents.get(next++);
        textAt = 0;
        if (current.text() == null) {
            try {
                in = Corpus.open(current, zip);
            } catch (IOException e) {
                throw new IOException("cannot read " + current.name() + ": " + e.getMessage(), e);
            }
        }
        bytes.clear();
        decoder.reset();
        return true;
    }

    private void closeCurrent() throws IOException {
        if (in != null) in.close();
        in = null;
        current = null;
    }

    /** Adds text to buf until it holds a chunk's worth; false when the document has ended. */
    private boolean fill() throws IOException {
        while (len < CHUNK_CHARS || len < buf.length / 2) {
            if (buf.length - len < (1 << 17)) return true;
            boolean more;
            try {
                more = current.text() != null ? copyText() : decode();
            } catch (IOException e) {
                throw new IOException("cannot read " + current.name() + ": " + e.getMessage(), e);
            }
            if (!more) return false;
        }
        return true;
    }

    private boolean copyText() {
        String t = current.text();
        int n = Math.min(t.length() - textAt, buf.length - len);
        t.getChars(textAt, textAt + n, buf, len);
        textAt += n;
        len += n;
        chars += n;
        bytesRead += n;
        return textAt < t.length();
    }

    /** Reads and decodes one buffer of bytes; false at the end of the document. */
    private boolean decode() throws IOException {
        int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
        boolean end = r < 0;
        if (!end) {
            bytes.position(bytes.position() + r);
            bytesRead += r;
        }
        bytes.flip();
        CharBuffer out = CharBuffer.wrap(buf, len, buf.length - len);
        while (true) {
            CoderResult cr = decoder.decode(bytes, out, end);
            if (cr.isError()) {
                if (malformed++ == 0) firstMalformed = current.name();
                bytes.position(bytes.position() + cr.length());
                out.put('\uFFFD');
            } else {
                break;
            }
        }
        if (end) decoder.flush(out);
        chars += out.position() - len;
        len = out.position();
        bytes.compact();
        return !end;
    }

    /** The last place in the back half of buf where a word ends and white space begins, or 0. */
    private int wordEnd() {
        for (int i = len - 1; i > len / 2; i--) {
            char c = buf[i];
            char p = buf[i - 1];
            if ((c == ' ' || c == '\n') && p > ' ' && p < 0x7F) return i;
        }
        return 0;
    }

    private Chunk take(int n, boolean documentEnd) {
        String text = new String(buf, 0, n);
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        return new Chunk(text, documentEnd, current.name());
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
        if (zip != null) zip.close();
    }
}
