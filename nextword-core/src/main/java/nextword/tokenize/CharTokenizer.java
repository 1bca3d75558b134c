package nextword.tokenize;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import nextword.data.Corpus;
import nextword.data.CorpusReader;

/**
 * The essay's first model reads letters: one token per character (Unicode code point, so an emoji is one
 * token), the vocabulary being the characters a corpus uses, in code-point order (tiny Shakespeare: 65).
 * A character outside the vocabulary cannot be encoded and is refused with its name.
 */
public final class CharTokenizer implements Tokenizer {

    private final int[] codePoints;
    /** Id by code point for the Basic Multilingual Plane (-1: not in the vocabulary); the rest in a map. */
    private final int[] bmpIds = new int[65536];
    private final Map<Integer, Integer> otherIds = new HashMap<>();

    /** The tokenizer whose vocabulary is the distinct characters of alphabet. */
    public static CharTokenizer of(String alphabet) {
        return new CharTokenizer(alphabet.codePoints().sorted().distinct().toArray());
    }

    /** The tokenizer whose vocabulary is every character the corpus uses. */
    public static CharTokenizer build(Corpus corpus) throws IOException {
        TreeSet<Integer> seen = new TreeSet<>();
        boolean[] bmp = new boolean[65536];
        try (CorpusReader r = corpus.reader()) {
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) {
                String t = c.text();
                for (int i = 0; i < t.length(); ) {
                    int cp = t.codePointAt(i);
                    if (cp < bmp.length) bmp[cp] = true;
                    else seen.add(cp);
                    i += Character.charCount(cp);
                }
            }
        }
        for (int cp = 0; cp < bmp.length; cp++) if (bmp[cp]) seen.add(cp);
        return new CharTokenizer(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    private CharTokenizer(int[] sortedCodePoints) {
        if (sortedCodePoints.length == 0) throw new IllegalArgumentException("a character vocabulary needs at least one character");
        this.codePoints = sortedCodePoints;
        Arrays.fill(bmpIds, -1);
        for (int id = 0; id < codePoints.length; id++) {
            if (codePoints[id] < bmpIds.length) bmpIds[codePoints[id]] = id;
            else otherIds.put(codePoints[id], id);
        }
    }

    @Override
    public int[] encode(String text) {
        int[] out = new int[text.codePointCount(0, text.length())];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int id = cp < bmpIds.length ? bmpIds[cp] : otherIds.getOrDefault(cp, -1);
            if (id < 0) {
                throw new IllegalArgumentException(String.format("character '%s' (U+%04X) is not in the vocabulary of %d characters",
                        new String(Character.toChars(cp)), cp, codePoints.length));
            }
            out[n++] = id;
            i += Character.charCount(cp);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) sb.appendCodePoint(codePoints[check(id)]);
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return codePoints.length;
    }

    @Override
    public String piece(int id) {
        return new String(Character.toChars(codePoints[check(id)]));
    }

    /** Every character of the vocabulary, in id order. */
    public String alphabet() {
        StringBuilder sb = new StringBuilder();
        for (int cp : codePoints) sb.appendCodePoint(cp);
        return sb.toString();
    }

    private int check(int id) {
        return Tokenizers.checkId(id, codePoints.length);
    }

    @Override
    public String toString() {
        return "characters (" + codePoints.length + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharTokenizer c && Arrays.equals(codePoints, c.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }
}
