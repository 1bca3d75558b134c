package nextword.tokenize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level scheme: every byte is a symbol, and every byte has a printable stand-in character
 * so that vocabularies can be stored as JSON text ({@code vocab.json}, {@code merges.txt}).
 *
 * <p>The printable bytes {@code !..~}, {@code ¡..¬} and {@code ®..ÿ} stand for themselves; the other 68
 * bytes (control characters, space, …) are given U+0100 upwards in byte order, so a leading space shows
 * as {@code Ġ}. The symbols are numbered in that same order, which is why GPT-2's ids 0..255 start with
 * {@code !}.
 */
public final class ByteLevel {

    private ByteLevel() {}

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];
    /** The bytes in GPT-2's symbol order: id i of a byte-level vocabulary is byte ORDER[i]. */
    private static final int[] ORDER = new int[256];
    private static final int[] SYMBOL_OF_BYTE = new int[256];

    static {
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (printable(b)) {
                BYTE_TO_CHAR[b] = (char) b;
                ORDER[n++] = b;
            }
        }
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable(b)) {
                BYTE_TO_CHAR[b] = (char) (256 + extra++);
                ORDER[n++] = b;
            }
        }
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        for (int i = 0; i < 256; i++) SYMBOL_OF_BYTE[ORDER[i]] = i;
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    /** The id (0..255) of byte b's symbol in a byte-level vocabulary: the inverse of {@link #byteOfSymbol}. */
    public static int symbolOfByte(int b) {
        return SYMBOL_OF_BYTE[b & 0xFF];
    }

    /** The byte whose symbol has id i (0..255) in a byte-level vocabulary. */
    public static int byteOfSymbol(int i) {
        return ORDER[i];
    }

    /** The stand-in characters of bytes, e.g. {@code " the"} → {@code "Ġthe"}. */
    public static String toSymbols(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    /** The bytes behind stand-in characters; null when some character stands for no byte. */
    public static byte[] fromSymbols(String symbols) {
        byte[] out = new byte[symbols.length()];
        for (int i = 0; i < out.length; i++) {
            char c = symbols.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) return null;
            out[i] = (byte) b;
        }
        return out;
    }

    /**
     * Writes the UTF-8 bytes of s[from, to) into dst from 0 and returns their count; dst needs 3 bytes
     * per char. An unpaired surrogate has no UTF-8 form and becomes U+FFFD, as in every UTF-8 encoder.
     */
    static int utf8(String s, int from, int to, byte[] dst) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[n++] = (byte) c;
            } else if (c < 0x800) {
                dst[n++] = (byte) (0xC0 | (c >> 6));
                dst[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[n++] = (byte) (0xF0 | (cp >> 18));
                dst[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                dst[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                dst[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(c)) c = '\uFFFD';
                dst[n++] = (byte) (0xE0 | (c >> 12));
                dst[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }

    /**
     * Bytes as a person reads them: valid UTF-8 as text, any byte that is not part of a whole character
     * as {@code \xNN} (a token of BPE can hold half a character).
     */
    public static String readable(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < bytes.length) {
                int len = sequenceLength(bytes, i);
                if (len > 0) {
                    sb.append(new String(bytes, i, len, StandardCharsets.UTF_8));
                    i += len;
                } else {
                    sb.append(String.format("\\x%02X", bytes[i++] & 0xFF));
                }
            }
            return sb.toString();
        }
    }

    /** The length of the well-formed UTF-8 sequence at i, or 0 when there is none. */
    private static int sequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int len = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF5 ? 4 : 0;
        if (len == 0 || i + len > b.length) return 0;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, i, len));
            return len;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }
}
