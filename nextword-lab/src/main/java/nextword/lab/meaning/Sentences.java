package nextword.lab.meaning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nextword.data.Corpus;
import nextword.data.CorpusReader;

/**
 * A corpus as word2vec reads it: lower-cased words, one sentence per line (Brown has one sentence a line, the
 * KJV one verse), with the rare words (fewer than minCount uses) dropped. A word is a run of letters,
 * with inner apostrophes and hyphens ("don't", "well-known"); numbers and punctuation are not words.
 * Ids number the vocabulary from the most frequent word down.
 */
public final class Sentences {

    private final List<String> words;  // the vocabulary, most frequent first
    private final long[] counts;       // uses of each word
    private final int[] ids;           // every kept word of the corpus, sentence after sentence
    private final int[] starts;        // sentence s is ids[starts[s], starts[s + 1])

    private Sentences(List<String> words, long[] counts, int[] ids, int[] starts) {
        this.words = words;
        this.counts = counts;
        this.ids = ids;
        this.starts = starts;
    }

    /** Reads the corpus, keeping the words used at least minCount times. */
    public static Sentences read(Corpus corpus, int minCount) throws IOException {
        if (minCount < 1) throw new IllegalArgumentException("the minimum word count must be at least 1, got " + minCount);
        Scanner s = new Scanner();
        try (CorpusReader r = corpus.reader()) {
            for (CorpusReader.Chunk c; (c = r.next()) != null; ) {
                s.scan(c.text());
                if (c.documentEnd()) s.endSentence();
            }
        }
        s.endSentence();
        return s.finish(minCount);
    }

    /** Sentences given as text in memory, one per line (tests, small examples). */
    public static Sentences of(String text, int minCount) throws IOException {
        return read(Corpus.of("text", text), minCount);
    }

    public List<String> words() {
        return words;
    }

    public long count(int id) {
        return counts[id];
    }

    public int sentenceCount() {
        return starts.length - 1;
    }

    /** Kept words in the whole corpus. */
    public int totalWords() {
        return ids.length;
    }

    /** The ids of sentence s, copied into a fresh array. */
    public int[] sentence(int s) {
        return Arrays.copyOfRange(ids, starts[s], starts[s + 1]);
    }

    /** Cuts text into lower-case words and sentences, numbering words as they first appear. */
    private static final class Scanner {
        private final Map<String, Integer> firstIds = new HashMap<>();
        private final List<String> seen = new ArrayList<>();
        private long[] uses = new long[1024];
        private int[] tokens = new int[1 << 16];
        private int tokenCount;
        private int[] sentenceStarts = new int[1024];
        private int sentences;
        private final StringBuilder word = new StringBuilder();
        private boolean hasDigit;
        private char joiner; // an apostrophe or hyphen waiting to see whether a letter follows

        void scan(String text) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (Character.isLetterOrDigit(ch)) {
                    if (joiner != 0) word.append(joiner);
                    joiner = 0;
                    hasDigit |= Character.isDigit(ch);
                    word.append(Character.toLowerCase(ch));
                } else if ((ch == '\'' || ch == '-') && !word.isEmpty() && joiner == 0) {
                    joiner = ch;
                } else {
                    endWord();
                    if (ch == '\n') endSentence();
                }
            }
        }

        void endWord() {
            joiner = 0;
            if (!word.isEmpty() && !hasDigit) {
                String w = word.toString();
                Integer id = firstIds.get(w);
                if (id == null) {
                    id = seen.size();
                    firstIds.put(w, id);
                    seen.add(w);
                    if (id == uses.length) uses = Arrays.copyOf(uses, 2 * id);
                }
                uses[id]++;
                if (tokenCount == tokens.length) tokens = Arrays.copyOf(tokens, 2 * tokenCount);
                tokens[tokenCount++] = id;
            }
            word.setLength(0);
            hasDigit = false;
        }

        void endSentence() {
            endWord();
            int start = sentences == 0 ? 0 : sentenceStarts[sentences];
            if (tokenCount == start) return; // an empty line is no sentence
            if (sentences + 2 > sentenceStarts.length) sentenceStarts = Arrays.copyOf(sentenceStarts, 2 * sentenceStarts.length);
            sentenceStarts[++sentences] = tokenCount;
        }

        Sentences finish(int minCount) {
            Integer[] order = new Integer[seen.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            // Most frequent first; ties alphabetically, so the numbering never depends on hash order.
            Arrays.sort(order, (a, b) -> uses[a] != uses[b] ? Long.compare(uses[b], uses[a]) : seen.get(a).compareTo(seen.get(b)));
            int[] newId = new int[order.length];
            Arrays.fill(newId, -1);
            List<String> vocab = new ArrayList<>();
            long[] counts = new long[order.length];
            for (int id : order) {
                if (uses[id] < minCount) break;
                newId[id] = vocab.size();
                counts[vocab.size()] = uses[id];
                vocab.add(seen.get(id));
            }
            if (vocab.isEmpty()) throw new IllegalArgumentException("no word occurs " + minCount + " times or more; lower the minimum count");
            int[] kept = new int[tokenCount];
            int[] starts = new int[sentences + 1];
            int n = 0, s = 0;
            for (int sent = 0; sent < sentences; sent++) {
                int before = n;
                for (int k = sentenceStarts[sent]; k < sentenceStarts[sent + 1]; k++) {
                    int id = newId[tokens[k]];
                    if (id >= 0) kept[n++] = id;
                }
                if (n - before >= 2) starts[++s] = n; // a lone word has no context to learn from
                else n = before;
            }
            return new Sentences(List.copyOf(vocab), Arrays.copyOf(counts, vocab.size()), Arrays.copyOf(kept, n), Arrays.copyOf(starts, s + 1));
        }
    }
}
