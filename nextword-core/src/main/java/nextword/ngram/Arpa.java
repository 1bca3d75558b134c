package nextword.ngram;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nextword.tokenize.Tokenizer;

/**
 * The ARPA back-off format that KenLM, SRILM and IRSTLM read and write, so a model moves between tools:
 *
 * <pre>
 * \data\
 * ngram 1=5
 * ngram 2=7
 *
 * \1-grams:
 * -0.69897	the	-0.30103        log10 p(w), the word(s), log10 backoff weight (absent = 0)
 * …
 * \end\
 * </pre>
 *
 * &lt;s&gt; has probability 0, written -99 as is customary. Numbers are written as the shortest decimal that
 * reads back to the same float, so writing then reading gives the very same model.
 */
public final class Arpa {

    /** A model read from an ARPA file and the words its ids stand for (&lt;/s&gt; = V, &lt;s&gt; = V+1). */
    public record Loaded(NgramModel model, String[] words) {

        /**
         * The tokenizer such files assume: text already cut into words separated by white space, each word
         * its id, a word not in the file "&lt;unk&gt;" (refused when the file has none).
         */
        public Tokenizer tokenizer() {
            return new WordList(Arrays.copyOf(words, words.length - 2));
        }
    }

    /** Words split at white space, looked up in a fixed list. */
    private static final class WordList implements Tokenizer {
        private final String[] words;
        private final Map<String, Integer> ids = new HashMap<>();
        private final Integer unknown;

        WordList(String[] words) {
            this.words = words;
            for (int i = 0; i < words.length; i++) ids.put(words[i], i);
            unknown = ids.get("<unk>");
        }

        @Override
        public int[] encode(String text) {
            String t = text.strip();
            if (t.isEmpty()) return new int[0];
            String[] parts = t.split("\\s+");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Integer id = ids.getOrDefault(parts[i], unknown);
                if (id == null) throw new IllegalArgumentException("word '" + parts[i] + "' is not in the model, which has no <unk>");
                out[i] = id;
            }
            return out;
        }

        @Override
        public String decode(int[] ids) {
            StringBuilder b = new StringBuilder();
            for (int id : ids) b.append(b.isEmpty() ? "" : " ").append(piece(id));
            return b.toString();
        }

        @Override
        public int vocabSize() {
            return words.length;
        }

        @Override
        public String piece(int id) {
            return words[id];
        }
    }

    private static final float ZERO = -99f;

    private Arpa() {}

    /**
     * A unique ARPA word for each of the tokenizer's ids, then "&lt;/s&gt;" and "&lt;s&gt;": the token's piece with
     * whitespace, control characters and backslashes escaped (a space is "\s", a newline "\n"), "\e" for an
     * empty piece, and "\#id" appended when the piece is already taken.
     */
    public static String[] words(Tokenizer tokenizer) {
        int v = tokenizer.vocabSize();
        String[] words = new String[v + 2];
        words[v] = "</s>";
        words[v + 1] = "<s>";
        Map<String, Integer> seen = new HashMap<>(Map.of("</s>", v, "<s>", v + 1));
        for (int id = 0; id < v; id++) {
            String w = escape(tokenizer.piece(id));
            if (seen.putIfAbsent(w, id) != null) {
                w = w + "\\#" + id;
                seen.put(w, id);
            }
            words[id] = w;
        }
        return words;
    }

    /** Writes the model with these words (one per id, V+2 of them) to out, atomically. */
    public static void write(NgramModel model, String[] words, Path out) {
        if (words.length != model.vocabSize() + 2) throw new IllegalArgumentException(words.length + " words for a vocabulary of " + (model.vocabSize() + 2) + " ids");
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".arpa-", ".tmp");
            try {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                    write(model, words, w);
                }
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    static void write(NgramModel model, String[] words, Writer out) throws IOException {
        int order = model.order();
        out.write("\\data\\\n");
        for (int n = 1; n <= order; n++) out.write("ngram " + n + "=" + model.size(n) + "\n");
        StringBuilder line = new StringBuilder(128);
        for (int n = 1; n <= order; n++) {
            out.write("\n\\" + n + "-grams:\n");
            for (int i = 0; i < model.size(n); i++) {
                line.setLength(0);
                line.append(number(model.log10p(n, i))).append('\t');
                int[] ws = model.trie.words(n, i);
                for (int j = 0; j < n; j++) line.append(j == 0 ? "" : " ").append(words[ws[j]]);
                if (n < order && model.log10bow(n, i) != 0f) line.append('\t').append(number(model.log10bow(n, i)));
                out.append(line.append('\n'));
            }
        }
        out.write("\n\\end\\\n");
    }

    /** Reads an ARPA file whose words are exactly these (one per id, as {@link #words} makes them). */
    public static NgramModel read(Path in, String[] words) {
        if (words.length < 2 || !"</s>".equals(words[words.length - 2]) || !"<s>".equals(words[words.length - 1])) {
            throw new IllegalArgumentException("the last two words must be </s> and <s>");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < words.length; i++) ids.put(words[i], i);
        Parser parser = new Parser(ids, words.length - 2, scan(in, null, 0));
        scan(in, parser, Integer.MAX_VALUE);
        return parser.model();
    }

    /**
     * Reads any ARPA file (from KenLM, SRILM, IRSTLM or this class) with the vocabulary its unigrams list:
     * ids in file order, then &lt;/s&gt; and &lt;s&gt;.
     */
    public static Loaded read(Path in) {
        List<String> vocabulary = new ArrayList<>();
        scan(in, new Section() {
            @Override
            public void line(int n, String[] fields) {
                if (!fields[1].equals("<s>") && !fields[1].equals("</s>")) vocabulary.add(fields[1]);
            }
        }, 1);
        String[] words = vocabulary.toArray(new String[vocabulary.size() + 2]);
        words[words.length - 2] = "</s>";
        words[words.length - 1] = "<s>";
        return new Loaded(read(in, words), words);
    }

    /** Receives the n-gram lines of each section in turn. */
    private interface Section {
        void line(int n, String[] fields);

        default void end(int n) {}
    }

    /** Builds the model section by section; each order is sorted when it ends, before the next refers to it. */
    private static final class Parser implements Section {
        private final Map<String, Integer> ids;
        private final int vocabSize;
        private final int bits;
        private final long[][] keys;
        private final float[][] probs;
        private final float[][] bows;
        private final boolean[] listed;
        private final int[] filled;
        private NgramTrie below;

        Parser(Map<String, Integer> ids, int vocabSize, int[] declared) {
            this.ids = ids;
            this.vocabSize = vocabSize;
            this.bits = NgramKey.bitsFor(vocabSize + 1);
            int order = declared.length;
            keys = new long[order][];
            probs = new float[order][];
            bows = new float[order][];
            for (int n = 1; n <= order; n++) {
                int size = n == 1 ? vocabSize + 2 : declared[n - 1];
                keys[n - 1] = new long[size];
                probs[n - 1] = new float[size];
                bows[n - 1] = new float[size];
            }
            for (int w = 0; w < vocabSize + 2; w++) keys[0][w] = w;
            Arrays.fill(probs[0], Float.NEGATIVE_INFINITY); // a word the file does not list cannot occur
            listed = new boolean[vocabSize + 2];
            filled = new int[order + 1];
        }

        @Override
        public void line(int n, String[] fields) {
            int[] words = new int[n];
            for (int j = 0; j < n; j++) {
                Integer id = ids.get(fields[j + 1]);
                if (id == null) throw new IllegalArgumentException("word '" + fields[j + 1] + "' is not in the vocabulary");
                words[j] = id;
            }
            int at;
            if (n == 1) {
                at = words[0];
                if (listed[at]) throw new IllegalArgumentException("unigram '" + fields[1] + "' is listed twice");
                listed[at] = true;
            } else {
                int context = below.index(words, 0, n - 1);
                if (context < 0) throw new IllegalArgumentException("the context of '" + String.join(" ", Arrays.copyOfRange(fields, 1, n + 1)) + "' is not listed before it");
                at = filled[n]++;
                keys[n - 1][at] = NgramKey.pack(context, words[n - 1], bits);
            }
            probs[n - 1][at] = parseNumber(fields[0], false);
            if (fields.length == n + 2) {
                if (n == keys.length) throw new IllegalArgumentException("an n-gram of the highest order has a backoff weight");
                bows[n - 1][at] = parseNumber(fields[n + 1], true);
            }
        }

        @Override
        public void end(int n) {
            if (n > 1) sortOrder(n, keys[n - 1], probs[n - 1], bows[n - 1]);
            below = new NgramTrie(vocabSize, bits, Arrays.copyOf(keys, n));
        }

        NgramModel model() {
            return new NgramModel(below, probs, Arrays.copyOf(bows, keys.length - 1));
        }
    }

    /** Sorts one order's keys, carrying its probabilities and weights along; refuses duplicates. */
    private static void sortOrder(int n, long[] keys, float[] p, float[] b) {
        int[] from = KeySort.sort(keys);
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] == keys[i - 1]) throw new IllegalArgumentException("an order-" + n + " n-gram is listed twice");
        }
        float[] p0 = p.clone();
        float[] b0 = b.clone();
        for (int at = 0; at < keys.length; at++) {
            p[at] = p0[from[at]];
            b[at] = b0[from[at]];
        }
    }

    /**
     * Reads the header and checks the file's structure, passing the n-gram lines of orders up to maxOrder to
     * the section (none when null) and checking that each section holds exactly the declared number of
     * lines. Returns the declared counts, refused when the file is too small to hold them.
     */
    private static int[] scan(Path in, Section section, int maxOrder) {
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null && !line.strip().equals("\\data\\")) lineNo++;
            if (line == null) throw new IllegalArgumentException(in + " is not an ARPA file: no \\data\\ line");
            List<Integer> declared = new ArrayList<>();
            long total = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty()) {
                    if (declared.isEmpty()) continue;
                    break;
                }
                int eq = s.indexOf('=');
                if (!s.startsWith("ngram ") || eq < 0) throw new IllegalArgumentException(in + ":" + lineNo + ": expected 'ngram N=count', got '" + s + "'");
                int n = parseInt(s.substring(6, eq).strip(), in, lineNo);
                int count = parseInt(s.substring(eq + 1).strip(), in, lineNo);
                if (n != declared.size() + 1 || count < 0) throw new IllegalArgumentException(in + ":" + lineNo + ": bad header line '" + s + "'");
                declared.add(count);
                total += count;
            }
            if (declared.isEmpty()) throw new IllegalArgumentException(in + ": no 'ngram N=count' lines");
            if (total * 4 > Files.size(in)) throw new IllegalArgumentException(in + ": declares " + total + " n-grams, more than its " + Files.size(in) + " bytes can hold");
            int[] counts = declared.stream().mapToInt(Integer::intValue).toArray();
            if (section == null) return counts;
            // A section ends at a blank line or, as IRSTLM writes them, right at the next line starting with a backslash.
            String next = null;
            for (int n = 1; n <= Math.min(maxOrder, counts.length); n++) {
                line = next;
                while (line == null || line.isBlank()) {
                    if ((line = r.readLine()) == null) break;
                    lineNo++;
                }
                if (line == null || !line.strip().equals("\\" + n + "-grams:")) throw new IllegalArgumentException(in + ":" + lineNo + ": expected \\" + n + "-grams:");
                int seen = 0;
                while ((next = r.readLine()) != null && !next.isBlank() && !next.startsWith("\\")) {
                    lineNo++;
                    String[] fields = next.strip().split("[ \t]+");
                    try {
                        if (fields.length != n + 1 && fields.length != n + 2) throw new IllegalArgumentException("an order-" + n + " line has " + (n + 1) + " or " + (n + 2) + " fields");
                        if (++seen > counts[n - 1]) throw new IllegalArgumentException("more order-" + n + " n-grams than the " + counts[n - 1] + " declared");
                        section.line(n, fields);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(in + ":" + lineNo + ": " + e.getMessage(), e);
                    }
                }
                lineNo++;
                if (seen != counts[n - 1]) throw new IllegalArgumentException(in + ": " + seen + " order-" + n + " n-grams but " + counts[n - 1] + " declared");
                section.end(n);
            }
            if (maxOrder < counts.length) return counts;
            line = next;
            while (line != null && line.isBlank()) line = r.readLine();
            if (line == null || !line.strip().equals("\\end\\")) throw new IllegalArgumentException(in + ": missing \\end\\ after the n-grams");
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + in + ": " + e.getMessage(), e);
        }
    }

    private static int parseInt(String s, Path in, int lineNo) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(in + ":" + lineNo + ": not a count: '" + s + "'");
        }
    }

    /** A log10 probability (≤ 0) or backoff weight (any sign: SRILM's can exceed 1); -99 or less is log10 0. */
    private static float parseNumber(String s, boolean weight) {
        float f;
        try {
            f = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + s + "'");
        }
        if (!Float.isFinite(f) || (!weight && f > 0)) throw new IllegalArgumentException("not a log10 " + (weight ? "weight" : "probability") + ": " + s);
        return f <= ZERO ? Float.NEGATIVE_INFINITY : f;
    }

    private static String number(float f) {
        return f <= ZERO ? "-99" : Float.toString(f);
    }

    static String escape(String piece) {
        if (piece.isEmpty()) return "\\e";
        StringBuilder b = new StringBuilder(piece.length() + 4);
        piece.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ' ' -> b.append("\\s");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return b.toString();
    }
}
