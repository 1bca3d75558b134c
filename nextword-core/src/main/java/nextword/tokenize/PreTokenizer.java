package nextword.tokenize;

/**
 * GPT-2's pre-tokenizer: cuts text into the pieces that BPE then encodes one by one, so that no token
 * spans a word and its neighbour. GPT-2 states it as the regular expression {@link #PATTERN} (with
 * Unicode character classes); this is a hand-written scanner that makes exactly the same cuts (the
 * tests compare the two over whole corpora and random Unicode) several times faster than
 * {@code java.util.regex}.
 *
 * <p>Reading the pattern left to right, a piece is: a contraction {@code 's 't 're 've 'm 'll 'd}; an
 * optional space then a run of letters, or of digits, or of other non-space characters; a run of
 * white space that leaves the last space to the word after it; or a run of white space.
 */
public final class PreTokenizer {

    /** The regular expression GPT-2 states (to compile with {@code Pattern.UNICODE_CHARACTER_CLASS}). */
    public static final String PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private PreTokenizer() {}

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3;
    /** A high surrogate: its class is its code point's, when a low surrogate follows. */
    private static final byte HIGH = 4;

    private static final byte[] CLASS = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) CLASS[c] = Character.isHighSurrogate((char) c) ? HIGH : classOf(c);
    }

    /** The class of a code point as the pattern sees it: \p{L}, \p{N}, \s (Unicode White_Space) or other. */
    static byte classOf(int cp) {
        if (isWhiteSpace(cp)) return SPACE;
        if (Character.isLetter(cp)) return LETTER;
        int type = Character.getType(cp);
        if (type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) {
            return NUMBER;
        }
        return OTHER;
    }

    /** Unicode's White_Space property, which is what \s means under UNICODE_CHARACTER_CLASS. */
    private static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** The class of the code point at i, reading a surrogate pair as one. */
    private static byte classAt(String s, int i, int limit) {
        char c = s.charAt(i);
        byte k = CLASS[c];
        if (k != HIGH) return k;
        if (i + 1 < limit && Character.isLowSurrogate(s.charAt(i + 1))) return classOf(Character.toCodePoint(c, s.charAt(i + 1)));
        return OTHER;
    }

    /** The end of the piece that starts at {@code start} in s[0, limit). */
    public static int end(String s, int start, int limit) {
        char c = s.charAt(start);
        if (c == '\'' && start + 1 < limit) {
            char d = s.charAt(start + 1);
            if (d == 's' || d == 't' || d == 'm' || d == 'd') return start + 2;
            if (start + 2 < limit) {
                char e = s.charAt(start + 2);
                if ((d == 'r' && e == 'e') || (d == 'v' && e == 'e') || (d == 'l' && e == 'l')) return start + 3;
            }
        }
        int from = start;
        byte cls = classAt(s, start, limit);
        if (c == ' ' && start + 1 < limit) {
            byte next = classAt(s, start + 1, limit);
            if (next != SPACE) {
                from = start + 1;
                cls = next;
            }
        }
        int end = run(s, from, limit, cls);
        if (cls != SPACE || end == limit || end - start == 1) return end;
        // White space before a word: the last space goes with the word (\s+(?!\S)).
        return end - 1;
    }

    /** The end of the run of class cls that starts at i. */
    private static int run(String s, int i, int limit, byte cls) {
        while (i < limit) {
            byte k = CLASS[s.charAt(i)];
            if (k == cls) {
                i++;
            } else if (k == HIGH && classAt(s, i, limit) == cls) {
                i += cls == OTHER && !(i + 1 < limit && Character.isLowSurrogate(s.charAt(i + 1))) ? 1 : 2;
            } else {
                break;
            }
        }
        return i;
    }
}
