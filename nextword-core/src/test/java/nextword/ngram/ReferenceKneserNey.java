package nextword.ngram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interpolated modified Kneser–Ney straight from the equations, with maps of word lists and the recursion
 * evaluated at query time: slow and obvious, to check the packed tables and the backoff form against.
 */
final class ReferenceKneserNey {

    private final int order;
    private final int vocabSize;
    private final int bos;
    private final Map<List<Integer>, Integer> raw = new HashMap<>();
    private final Map<List<Integer>, Integer> adjusted = new HashMap<>();
    private final double[][] discounts;

    ReferenceKneserNey(int order, int vocabSize, List<int[]> segments) {
        this.order = order;
        this.vocabSize = vocabSize;
        this.bos = vocabSize + 1;
        for (int[] s : segments) {
            int[] padded = new int[s.length + 2];
            padded[0] = bos;
            System.arraycopy(s, 0, padded, 1, s.length);
            padded[padded.length - 1] = vocabSize;
            for (int i = 1; i < padded.length; i++) {
                for (int n = 1; n <= Math.min(order, i + 1); n++) raw.merge(words(padded, i - n + 1, i + 1), 1, Integer::sum);
            }
        }
        Map<List<Integer>, Set<Integer>> before = new HashMap<>();
        for (List<Integer> g : raw.keySet()) {
            if (g.size() > 1) before.computeIfAbsent(g.subList(1, g.size()), k -> new HashSet<>()).add(g.get(0));
        }
        for (var e : raw.entrySet()) {
            List<Integer> g = e.getKey();
            boolean rawCount = g.size() == order || g.get(0) == bos;
            adjusted.put(g, rawCount ? e.getValue() : before.get(g).size());
        }
        discounts = new double[order + 1][4];
        for (int n = 1; n <= order; n++) {
            long[] cc = new long[5];
            for (var e : adjusted.entrySet()) if (e.getKey().size() == n && e.getValue() <= 4) cc[e.getValue()]++;
            double y = cc[1] > 0 ? cc[1] / (cc[1] + 2.0 * cc[2]) : 0.5;
            for (int r = 1; r <= 3; r++) {
                double d = r - (r + 1) * y * cc[r + 1] / cc[r];
                discounts[n][r] = Double.isFinite(d) && d > 0 && d <= r ? d : y;
            }
        }
    }

    double discount(int n, int r) {
        return discounts[n][r];
    }

    /** p(w | history), history oldest first (only its last N−1 ids count). */
    double probability(int[] history, int w) {
        if (w == bos) return 0;
        int m = Math.min(order - 1, history.length);
        return p(words(history, history.length - m, history.length), w);
    }

    private double p(List<Integer> h, int w) {
        int n = h.size() + 1;
        double total = 0;
        double mass = 0;
        for (int x = 0; x <= vocabSize + 1; x++) {
            int c = adjusted(h, x);
            if (c > 0) {
                total += c;
                mass += discounts[n][Math.min(c, 3)];
            }
        }
        double lower = n == 1 ? 1.0 / (vocabSize + 1) : p(h.subList(1, h.size()), w);
        if (total == 0) return lower;
        int c = adjusted(h, w);
        return (Math.max(c - (c > 0 ? discounts[n][Math.min(c, 3)] : 0), 0) + mass * lower) / total;
    }

    private int adjusted(List<Integer> h, int w) {
        List<Integer> g = new ArrayList<>(h);
        g.add(w);
        return adjusted.getOrDefault(g, 0);
    }

    private static List<Integer> words(int[] a, int from, int to) {
        return Arrays.stream(a, from, to).boxed().toList();
    }
}
