package nextword.tokenize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nextword.data.Corpus;
import nextword.data.CorpusReader;

/**
 * The essay's word models: a vocabulary of the N most common words of a corpus plus {@value #UNKNOWN} for
 * every other word (so vocabSize() is N + 1 and id 0 is unknown).
 *
 * <p>A word is a run of letters, digits and combining marks, which may hold an apostrophe or hyphen
 * between letters ({@code don't}, {@code well-known}); every other visible character (punctuation) is a
 * word of its own; a newline is the word {@code "\n"}; other white space only separates. Decoding puts
 * single spaces between words, none before closing punctuation or around newlines: it is lossy by design.
 */
public final class WordTokenizer implements Tokenizer {

    /** The token that stands for every word outside the vocabulary. */
    public static final String UNKNOWN = "<unk>";

    private final String[] words;
    private final Map<String, Integer> ids;

    /** A tokenizer over the given words (id 0 is always {@value #UNKNOWN}; it is added when missing). */
    public static WordTokenizer of(List<String> words) {
        List<String> all = new ArrayList<>();
        all.add(UNKNOWN);
        for (String w : words) if (!w.equals(UNKNOWN)) all.add(w);
        return new WordTokenizer(all.toArray(String[]::new));
    }

    /** The N most common words of the corpus (equal counts in alphabetical order), plus unknown. */
    public static WordTokenizer build(Corpus corpus, int maxWords) throws IOException {
        if (maxWords < 1) throw new IllegalArgumentException("a word vocabulary needs at least one word, got " + maxWords);
        Map<String, long[]> counts = new HashMap<>();
        try (CorpusReader r = corpus.reader()) {
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) {
                for (String w : split(c.text())) counts.computeIfAbsent(w, k -> new long[1])[0]++;
            }
        }
        List<Map.Entry<String, long[]>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(maxWords, byCount.size()); i++) top.add(byCount.get(i).getKey());
        return of(top);
    }

    private WordTokenizer(String[] words) {
        this.words = words;
        this.ids = new HashMap<>(words.length * 2);
        for (int id = 0; id < words.length; id++) {
            if (ids.putIfAbsent(words[id], id) != null) throw new IllegalArgumentException("word '" + words[id] + "' appears twice");
        }
    }

    /** Cuts text into words as described above. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            int w = Character.charCount(cp);
            if (cp == '\n') {
                out.add("\n");
                i += w;
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += w;
            } else if (wordChar(cp)) {
                int j = i + w;
                while (j < n) {
                    int c = text.codePointAt(j);
                    if (wordChar(c)) {
                        j += Character.charCount(c);
                    } else if ((c == '\'' || c == '\u2019' || c == '-') && j + 1 < n && wordChar(text.codePointAt(j + 1))) {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                out.add(text.substring(i, i + w));
                i += w;
            }
        }
        return out;
    }

    private static boolean wordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) return true;
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
    }

    @Override
    public int[] encode(String text) {
        List<String> ws = split(text);
        int[] out = new int[ws.size()];
        for (int i = 0; i < out.length; i++) out[i] = ids.getOrDefault(ws.get(i), 0);
        return out;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        String prev = "\n";
        for (int id : ids) {
            String w = piece(id);
            boolean glue = prev.equals("\n") || w.equals("\n") || prev.equals("(") || prev.equals("[")
                    || (w.length() == 1 && ".,;:!?)]}'".indexOf(w.charAt(0)) >= 0);
            if (!glue) sb.append(' ');
            sb.append(w);
            prev = w;
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return words.length;
    }

    @Override
    public String piece(int id) {
        return words[Tokenizers.checkId(id, words.length)];
    }

    /** The words by id (id 0 is {@value #UNKNOWN}). */
    public List<String> words() {
        return List.of(words);
    }

    @Override
    public String toString() {
        return "words (" + (words.length - 1) + " + unknown)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordTokenizer t && Arrays.equals(words, t.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }
}
