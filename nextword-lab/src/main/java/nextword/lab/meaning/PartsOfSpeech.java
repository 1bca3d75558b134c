package nextword.lab.meaning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.data.Corpus;
import nextword.data.CorpusReader;

/**
 * Parts of speech from a tagged corpus (the Brown corpus's "word/tag" tokens): each word's usual class, to
 * colour a plot of word vectors by grammar. Brown's 80-odd tags are folded into ten classes; a word counts
 * for a class only when at least 90% of its uses carry it, so "run" (noun and verb) is left out.
 */
public final class PartsOfSpeech {

    /** The classes, in the order of the plot's legend. */
    public static final List<String> CLASSES = List.of("noun", "proper noun", "verb", "adjective", "adverb",
            "preposition", "pronoun", "determiner", "conjunction", "number");

    private static final double DOMINANT = 0.9;

    private final Map<String, int[]> uses = new HashMap<>(); // word → uses per class
    private final Map<String, Integer> total = new HashMap<>();

    private PartsOfSpeech() {}

    /** Reads a tagged corpus: tokens "word/tag" separated by white space. */
    public static PartsOfSpeech read(Corpus tagged) throws IOException {
        PartsOfSpeech p = new PartsOfSpeech();
        long tokens = 0, withTag = 0;
        try (CorpusReader r = tagged.reader()) {
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) {
                for (String token : c.text().split("\\s+")) {
                    if (token.isEmpty()) continue;
                    tokens++;
                    int slash = token.lastIndexOf('/');
                    if (slash <= 0) continue;
                    withTag++;
                    String word = token.substring(0, slash).toLowerCase(Locale.ROOT);
                    p.total.merge(word, 1, Integer::sum);
                    int cls = tagClass(token.substring(slash + 1));
                    if (cls >= 0) p.uses.computeIfAbsent(word, w -> new int[CLASSES.size()])[cls]++;
                }
            }
        }
        if (withTag < tokens / 2) throw new IOException(tagged.name() + " is not a tagged corpus (expected word/tag tokens)");
        return p;
    }

    /**
     * The class of a Brown tag, or −1: "nn-tl" (in a title) and "nn$" (possessive) are nouns; foreign words
     * ("fw-…"), contractions ("ppss+md") and punctuation belong to no class.
     */
    static int tagClass(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.startsWith("fw-") || t.contains("+")) return -1;
        int dash = t.indexOf('-', 1);
        if (dash > 0) t = t.substring(0, dash);
        t = t.replace("$", "").replace("*", "");
        if (t.startsWith("np")) return CLASSES.indexOf("proper noun");
        if (t.startsWith("nn") || t.equals("nr") || t.equals("nrs")) return CLASSES.indexOf("noun");
        if (t.startsWith("vb") || t.startsWith("be") || t.startsWith("hv") || t.startsWith("do") || t.equals("md")) return CLASSES.indexOf("verb");
        if (t.startsWith("jj")) return CLASSES.indexOf("adjective");
        if (t.startsWith("rb") || t.equals("ql")) return CLASSES.indexOf("adverb");
        if (t.equals("in")) return CLASSES.indexOf("preposition");
        if (t.startsWith("pp") || t.startsWith("wp")) return CLASSES.indexOf("pronoun");
        if (t.equals("at") || t.startsWith("dt") || t.equals("abn") || t.equals("ap")) return CLASSES.indexOf("determiner");
        if (t.equals("cc") || t.equals("cs")) return CLASSES.indexOf("conjunction");
        if (t.equals("cd") || t.equals("od")) return CLASSES.indexOf("number");
        return -1;
    }

    /** The word's class when at least 90% of its tagged uses are of it, else null. */
    public String classOf(String word) {
        int[] u = uses.get(word);
        if (u == null) return null;
        int best = 0;
        for (int c = 1; c < u.length; c++) if (u[c] > u[best]) best = c;
        return u[best] >= DOMINANT * total.get(word) ? CLASSES.get(best) : null;
    }

    /** For each class, its perClass most used words that the vectors know (and that have letters only). */
    public List<WordSets.Group> groups(WordVectors vectors, int perClass) {
        List<String> words = new ArrayList<>(total.keySet());
        words.sort(Comparator.comparing((String w) -> -total.get(w)).thenComparing(w -> w));
        List<WordSets.Group> out = new ArrayList<>();
        for (String cls : CLASSES) {
            List<String> chosen = new ArrayList<>();
            for (String w : words) {
                if (chosen.size() == perClass) break;
                if (cls.equals(classOf(w)) && vectors.contains(w) && w.chars().allMatch(Character::isLetter)) chosen.add(w);
            }
            if (!chosen.isEmpty()) out.add(new WordSets.Group(cls, chosen));
        }
        return out;
    }
}
