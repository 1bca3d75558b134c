package nextword.ngram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import nextword.data.Corpus;
import nextword.data.CorpusReader;
import nextword.tokenize.CharTokenizer;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import nextword.tokenize.WordTokenizer;

/**
 * How a corpus becomes the segments an n-gram model counts: which unit, which characters, where segments
 * end, and which part is held out.
 *
 * <ul>
 *   <li>Letters keep the text as it is ({@link Alphabet#ALL}) or, as in the essay, lower-case it and keep
 *       only a–z ({@link Alphabet#LETTERS}) or a–z and single spaces ({@link Alphabet#LETTERS_AND_SPACE}).</li>
 *   <li>Words are lower-cased: the essay's word samples are, and "The" at a sentence start is the same word
 *       as "the" elsewhere. Tokens (GPT-2 BPE) keep the text as it is.</li>
 *   <li>A segment is a line (the default for words: Brown has one sentence per line) or a whole document
 *       (the default for letters and tokens, whose tokenizers see line breaks as characters).</li>
 *   <li>The held-out part is the last fraction of the corpus's lines, as char-rnn and nanoGPT hold out the
 *       end of tiny Shakespeare.</li>
 * </ul>
 */
public final class NgramText {

    /** What one token is. */
    public enum Unit { LETTER, WORD, TOKEN }

    /** Which characters a letter model sees. */
    public enum Alphabet {
        /** Every character, as it is. */
        ALL,
        /** Lower-case a–z only: the essay's first samples, letters by frequency without spaces. */
        LETTERS,
        /** Lower-case a–z, and one space for each run of anything else. */
        LETTERS_AND_SPACE;

        /** The text with this alphabet's rules applied. */
        public String apply(String text) {
            if (this == ALL) return text;
            StringBuilder b = new StringBuilder(text.length());
            boolean gap = false;
            for (int i = 0; i < text.length(); i++) {
                char c = Character.toLowerCase(text.charAt(i));
                if (c >= 'a' && c <= 'z') {
                    if (gap && this == LETTERS_AND_SPACE && !b.isEmpty()) b.append(' ');
                    b.append(c);
                    gap = false;
                } else {
                    gap = true;
                }
            }
            if (gap && this == LETTERS_AND_SPACE && !b.isEmpty()) b.append(' ');
            return b.toString();
        }
    }

    /** Which part of the corpus to read. */
    public enum Split { ALL, TRAIN, HELDOUT }

    /**
     * unit and alphabet (letters only), lines: one segment per line (else per document), heldout: the
     * fraction of lines at the end that {@link Split#HELDOUT} reads and {@link Split#TRAIN} skips.
     */
    public record Options(Unit unit, Alphabet alphabet, boolean lines, double heldout) {
        public Options {
            if (!(heldout > 0 && heldout < 1)) throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + heldout);
            if (unit != Unit.LETTER && alphabet != Alphabet.ALL) throw new IllegalArgumentException("an alphabet applies to letters only");
        }

        /** The defaults for a unit: lines for words, documents otherwise; 10% held out. */
        public static Options of(Unit unit, Alphabet alphabet) {
            return new Options(unit, alphabet, unit == Unit.WORD, 0.1);
        }

        /** The text of one segment as the model's tokenizer will see it. */
        public String normalize(String text) {
            return switch (unit) {
                case LETTER -> alphabet.apply(text);
                case WORD -> text.toLowerCase(Locale.ROOT);
                case TOKEN -> text;
            };
        }
    }

    /**
     * A segment's text, normalized, and whether it lies in the held-out part; continued: it is the held-out
     * half of a document the boundary cut, so reading everything joins it back to the half before.
     */
    public record Segment(String text, boolean heldout, boolean continued) {}

    private NgramText() {}

    /**
     * Every segment of the corpus, in order, each marked held-out or not; empty segments are dropped.
     * warn hears, once, how many malformed UTF-8 sequences were replaced, if any.
     */
    public static List<Segment> read(Corpus corpus, Options options, Consumer<String> warn) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Integer> documentStarts = new ArrayList<>();
        try (CorpusReader r = corpus.reader()) {
            StringBuilder partial = new StringBuilder();
            documentStarts.add(0);
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) {
                String t = c.text();
                int from = 0;
                for (int nl; (nl = t.indexOf('\n', from)) >= 0; from = nl + 1) {
                    lines.add(partial.append(t, from, nl).toString());
                    partial.setLength(0);
                }
                partial.append(t, from, t.length());
                if (c.documentEnd()) {
                    if (!partial.isEmpty()) lines.add(partial.toString());
                    partial.setLength(0);
                    documentStarts.add(lines.size());
                }
            }
            if (r.malformedReport() != null) warn.accept(r.malformedReport());
        }
        int firstHeldout = (int) Math.round(lines.size() * (1 - options.heldout()));
        List<Segment> out = new ArrayList<>();
        for (int d = 0; d + 1 < documentStarts.size(); d++) {
            int start = documentStarts.get(d);
            int end = documentStarts.get(d + 1);
            if (options.lines()) {
                for (int i = start; i < end; i++) add(out, options.normalize(lines.get(i)), i >= firstHeldout, false);
            } else {
                // A document split by the held-out boundary gives one segment on each side.
                int cut = Math.clamp(firstHeldout, start, end);
                boolean before = add(out, options.normalize(join(lines, start, cut)), false, false);
                add(out, options.normalize(join(lines, cut, end)), true, before);
            }
        }
        return out;
    }

    /** The segments of one split. */
    public static List<String> select(List<Segment> segments, Split split) {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            if (split == Split.ALL && s.continued()) out.set(out.size() - 1, out.getLast() + s.text());
            else if (split == Split.ALL || (split == Split.HELDOUT) == s.heldout()) out.add(s.text());
        }
        return out;
    }

    /** Characters (code points) the model predicts in these segments: their text and one end per segment. */
    public static long characters(List<String> segments) {
        long n = 0;
        for (String s : segments) n += s.codePointCount(0, s.length()) + 1;
        return n;
    }

    /**
     * The tokenizer a model over these segments uses: letters, every character any segment uses (held-out
     * ones too, so held-out text can always be encoded); words, the most common words of the training
     * segments of the split plus unknown; tokens, GPT-2's BPE.
     */
    public static Tokenizer tokenizer(Options options, List<Segment> segments, Split split, int words) throws IOException {
        return switch (options.unit()) {
            case LETTER -> {
                StringBuilder alphabet = new StringBuilder();
                java.util.BitSet seen = new java.util.BitSet();
                for (Segment s : segments) {
                    s.text().codePoints().forEach(c -> {
                        if (!seen.get(c)) alphabet.appendCodePoint(c);
                        seen.set(c);
                    });
                }
                yield CharTokenizer.of(alphabet.toString());
            }
            case WORD -> WordTokenizer.build(Corpus.of("training text", String.join("\n", select(segments, split))), words);
            case TOKEN -> Tokenizers.gpt2(List.of());
        };
    }

    /** The ids of each segment. */
    public static List<int[]> encode(Tokenizer tokenizer, List<String> segments) {
        List<int[]> out = new ArrayList<>(segments.size());
        for (String s : segments) out.add(tokenizer.encode(s));
        return out;
    }

    /** Adds the segment unless it is blank; says whether it did. */
    private static boolean add(List<Segment> out, String text, boolean heldout, boolean continued) {
        if (text.isBlank()) return false;
        out.add(new Segment(text, heldout, continued));
        return true;
    }

    private static String join(List<String> lines, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) b.append(lines.get(i)).append('\n');
        return b.toString();
    }
}
