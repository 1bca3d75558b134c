package nextword.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nextword.data.Corpus;
import nextword.data.CorpusReader;
import nextword.data.ParallelChunks;

/**
 * Learns a byte-level BPE from a corpus, GPT-2's way: cut the text with {@link PreTokenizer}, count the
 * distinct pieces, start from the 256 bytes (ids 0..255 in GPT-2's order), and repeatedly merge the most
 * frequent adjacent pair into a new token until the vocabulary has the size asked for; the last id is
 * {@code <|endoftext|>}.
 *
 * <p>Pair counts are kept up to date incrementally: a merge touches only the pieces that hold its pair
 * (each pair knows its pieces), and a heap with lazy deletion yields the next best pair, so a merge costs
 * what it changes rather than a recount. Ties go to the smaller (left id, right id): the result does not
 * depend on thread count or on the order pieces were met.
 */
public final class BpeTrainer {

    public static final String END_OF_TEXT = "<|endoftext|>";

    /** Told how far training is: phase "counting" (bytes of the corpus) or "merging" (merges). */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, long done, long total);
    }

    private BpeTrainer() {}

    /** Trains on a corpus to vocabSize ids (256 bytes + merges + {@code <|endoftext|>}). */
    public static ByteLevelBpe train(Corpus corpus, int vocabSize, Progress progress) throws IOException {
        checkSize(vocabSize);
        return train(countPieces(corpus, progress), vocabSize, progress);
    }

    /** Trains on pieces already counted (piece text → how often it occurs). */
    public static ByteLevelBpe train(Map<String, Long> pieceCounts, int vocabSize, Progress progress) {
        checkSize(vocabSize);
        List<String> symbols = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < 256; i++) {
            String s = ByteLevel.toSymbols(new byte[] {(byte) ByteLevel.byteOfSymbol(i)});
            symbols.add(s);
            ids.put(s, i);
        }
        List<int[]> merges = new Merging(pieceCounts).run(vocabSize - 1, symbols, ids, progress);
        symbols.add(END_OF_TEXT);
        return new ByteLevelBpe(symbols.toArray(String[]::new), merges.toArray(int[][]::new), Set.of(symbols.size() - 1));
    }

    private static void checkSize(int vocabSize) {
        if (vocabSize < 257) throw new IllegalArgumentException("a byte-level vocabulary needs at least 257 tokens (256 bytes + <|endoftext|>), got " + vocabSize);
    }

    /** How often each piece of the pre-tokenizer occurs in the corpus, counted over chunks in parallel. */
    public static Map<String, Long> countPieces(Corpus corpus, Progress progress) throws IOException {
        Map<String, Long> total = new HashMap<>();
        long size = corpus.sizeBytes();
        try (CorpusReader r = corpus.reader()) {
            ParallelChunks.map(r, BpeTrainer::count, (chunk, counted) -> {
                counted.forEach((piece, n) -> total.merge(piece, n, Long::sum));
                if (progress != null) progress.update("counting", r.bytesRead(), size);
            });
        }
        return total;
    }

    private static Map<String, Long> count(String text) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0, n = text.length(); i < n; ) {
            int j = PreTokenizer.end(text, i, n);
            m.merge(text.substring(i, j), 1L, Long::sum);
            i = j;
        }
        return m;
    }

    /** The merge loop's state: every distinct piece as symbols, pair counts, where each pair occurs, a heap. */
    private static final class Merging {
        private final int[][] words;
        private final int[] lengths;
        private final long[] counts;
        private final int[] seenAt;
        private final PairStats pairs = new PairStats();

        Merging(Map<String, Long> pieceCounts) {
            int n = pieceCounts.size();
            words = new int[n][];
            lengths = new int[n];
            counts = new long[n];
            seenAt = new int[n];
            Arrays.fill(seenAt, -1);
            int w = 0;
            for (Map.Entry<String, Long> e : pieceCounts.entrySet()) {
                byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
                int[] sym = new int[b.length];
                for (int i = 0; i < b.length; i++) sym[i] = ByteLevel.symbolOfByte(b[i]);
                words[w] = sym;
                lengths[w] = sym.length;
                counts[w] = e.getValue();
                for (int i = 0; i + 1 < sym.length; i++) pairs.add(sym[i], sym[i + 1], counts[w], w);
                w++;
            }
            pairs.heapify();
        }

        List<int[]> run(int targetSize, List<String> symbols, Map<String, Integer> ids, Progress progress) {
            List<int[]> merges = new ArrayList<>();
            int total = targetSize - symbols.size();
            while (symbols.size() < targetSize) {
                int best = pairs.pollBest();
                if (best < 0) break;
                int a = pairs.left(best), b = pairs.right(best);
                String merged = symbols.get(a) + symbols.get(b);
                Integer id = ids.get(merged);
                if (id == null) {
                    id = symbols.size();
                    symbols.add(merged);
                    ids.put(merged, id);
                }
                merges.add(new int[] {a, b});
                apply(best, a, b, id, merges.size());
                if (progress != null && (merges.size() % 256 == 0 || symbols.size() == targetSize)) progress.update("merging", merges.size(), total);
            }
            return merges;
        }

        /** Merges (a, b) into id in every piece that holds it, moving the pair counts along. */
        private void apply(int pair, int a, int b, int id, int step) {
            int[] holders = pairs.words(pair);
            int holderCount = pairs.wordCount(pair);
            pairs.startChanges();
            for (int h = 0; h < holderCount; h++) {
                int w = holders[h];
                if (seenAt[w] == step) continue;
                seenAt[w] = step;
                int[] sym = words[w];
                int m = lengths[w];
                long c = counts[w];
                boolean found = false;
                for (int i = 0; i + 1 < m && !found; i++) found = sym[i] == a && sym[i + 1] == b;
                if (!found) continue;
                for (int i = 0; i + 1 < m; i++) pairs.add(sym[i], sym[i + 1], -c, -1);
                int len = 0;
                for (int i = 0; i < m; ) {
                    if (i + 1 < m && sym[i] == a && sym[i + 1] == b) {
                        sym[len++] = id;
                        i += 2;
                    } else {
                        sym[len++] = sym[i++];
                    }
                }
                lengths[w] = len;
                for (int i = 0; i + 1 < len; i++) pairs.add(sym[i], sym[i + 1], c, sym[i] == id || sym[i + 1] == id ? w : -1);
            }
            pairs.finishChanges();
        }
    }
}
