package nextword.lab.meaning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import nextword.data.AtomicFile;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;

/**
 * Words as points in space: one vector per word, and the questions the essay asks of them: which words
 * are nearest (by cosine), and analogies, a : b :: c : ? answered by the word nearest to b − a + c.
 * Saved in word2vec's text format ({@code .vec}: a line "words dimensions", then "word v1 v2 …" per word),
 * which gensim, fastText and others read.
 */
public final class WordVectors {

    /** A word and its cosine similarity to the query. */
    public record Neighbour(String word, double cosine) {}

    private final List<String> words;
    private final Map<String, Integer> index = new HashMap<>();
    private final int dim;
    private final float[] vectors; // (V, D) as trained
    private final float[] unit;    // (V, D) each row scaled to length 1, for cosines
    private final KernelOps ops = Kernels.ops();

    public WordVectors(List<String> words, float[] vectors, int dim) {
        if (dim < 1 || (long) words.size() * dim != vectors.length) {
            throw new IllegalArgumentException(words.size() + " words of " + dim + " numbers need " + (long) words.size() * dim + " values, got " + vectors.length);
        }
        this.words = List.copyOf(words);
        this.dim = dim;
        this.vectors = vectors;
        this.unit = vectors.clone();
        for (int i = 0; i < this.words.size(); i++) {
            if (index.putIfAbsent(this.words.get(i), i) != null) throw new IllegalArgumentException("word '" + this.words.get(i) + "' appears twice");
            float norm = (float) Math.sqrt(ops.dot(unit, i * dim, unit, i * dim, dim));
            if (norm > 0) ops.scale(unit, i * dim, 1f / norm, dim);
        }
    }

    public List<String> words() {
        return words;
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** The vector of word (a copy). */
    public float[] vector(String word) {
        int i = id(word);
        return java.util.Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
    }

    /** The cosine similarity of two words. */
    public double cosine(String a, String b) {
        return ops.dot(unit, id(a) * dim, unit, id(b) * dim, dim);
    }

    /** The k words nearest to word, nearest first, without the word itself. */
    public List<Neighbour> nearest(String word, int k) {
        int i = id(word);
        return nearest(java.util.Arrays.copyOfRange(unit, i * dim, (i + 1) * dim), k, Set.of(word));
    }

    /** a : b :: c : ?, by 3CosAdd: the k words nearest to unit(b) − unit(a) + unit(c), other than a, b and c. */
    public List<Neighbour> analogy(String a, String b, String c, int k) {
        float[] q = new float[dim];
        ops.axpy(1f, unit, id(b) * dim, q, 0, dim);
        ops.axpy(-1f, unit, id(a) * dim, q, 0, dim);
        ops.axpy(1f, unit, id(c) * dim, q, 0, dim);
        return nearest(q, k, Set.of(a, b, c));
    }

    /** The k words whose vectors point most nearly the way q does, leaving out those in skip. */
    public List<Neighbour> nearest(float[] q, int k, Set<String> skip) {
        if (q.length != dim) throw new IllegalArgumentException("query of " + q.length + " numbers for vectors of " + dim);
        double qNorm = Math.sqrt(ops.dot(q, 0, q, 0, dim));
        int n = Math.min(k, words.size());
        int[] best = new int[n];
        double[] score = new double[n];
        int found = 0;
        for (int i = 0; i < words.size(); i++) {
            if (skip.contains(words.get(i))) continue;
            double s = qNorm > 0 ? ops.dot(unit, i * dim, q, 0, dim) / qNorm : 0;
            if (found == n && s <= score[n - 1]) continue;
            int at = found < n ? found++ : n - 1;
            while (at > 0 && score[at - 1] < s) {
                best[at] = best[at - 1];
                score[at] = score[at - 1];
                at--;
            }
            best[at] = i;
            score[at] = s;
        }
        List<Neighbour> out = new ArrayList<>();
        for (int j = 0; j < found; j++) out.add(new Neighbour(words.get(best[j]), score[j]));
        return out;
    }

    private int id(String word) {
        Integer i = index.get(word);
        if (i == null) throw new IllegalArgumentException("'" + word + "' is not among the " + words.size() + " words of these vectors");
        return i;
    }

    // ---- the .vec text format ----

    /** Writes the vectors in word2vec's text format, atomically. */
    public void save(Path file) throws IOException {
        AtomicFile.write(file, out -> {
            StringBuilder line = new StringBuilder();
            out.write((words.size() + " " + dim + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < words.size(); i++) {
                line.setLength(0);
                line.append(words.get(i));
                // Float.toString is the shortest text that reads back to the same float: the file round-trips exactly.
                for (int j = 0; j < dim; j++) line.append(' ').append(vectors[i * dim + j]);
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Reads a word2vec text file (optionally gzipped), checking its header against its contents. */
    public static WordVectors load(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        var in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) in = new GZIPInputStream(in);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            String[] hv = header == null ? new String[0] : header.trim().split(" ");
            int n, d;
            try {
                if (hv.length != 2) throw new NumberFormatException();
                n = Integer.parseInt(hv[0]);
                d = Integer.parseInt(hv[1]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a word2vec text file (the first line must be '<words> <dimensions>')");
            }
            if (n < 1 || d < 1 || (long) n * d > Integer.MAX_VALUE - 8) throw new IOException(file + ": impossible size " + n + " × " + d);
            // Grow as lines arrive rather than trusting the header with a huge allocation.
            List<String> words = new ArrayList<>();
            float[] v = new float[Math.min(n, 1 << 16) * d];
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                int lineNo = words.size() + 2;
                if (words.size() == n) throw new IOException(file + ": more words than the " + n + " its header promises (line " + lineNo + ")");
                String[] parts = line.trim().split(" ");
                if (parts.length != d + 1) throw new IOException(file + ": line " + lineNo + " has " + (parts.length - 1) + " numbers, the header says " + d);
                if (v.length < (words.size() + 1) * d) v = java.util.Arrays.copyOf(v, Math.min(n, 2 * words.size() + 1) * d);
                for (int j = 0; j < d; j++) {
                    float x;
                    try {
                        x = Float.parseFloat(parts[j + 1]);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ": line " + lineNo + ": '" + parts[j + 1] + "' is not a number");
                    }
                    if (!Float.isFinite(x)) throw new IOException(file + ": line " + lineNo + " holds " + x);
                    v[words.size() * d + j] = x;
                }
                words.add(parts[0]);
            }
            if (words.size() != n) throw new IOException(file + ": the header promises " + n + " words, the file has " + words.size());
            try {
                return new WordVectors(words, java.util.Arrays.copyOf(v, n * d), d);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }
}
