package nextword.tokenize;

import java.util.Arrays;

/**
 * The merge loop of BPE over one piece's symbols, done GPT-2's way: take the ranked adjacent pair with
 * the lowest rank, merge every occurrence of it left to right, repeat. {@link #scan} does literally that
 * (quadratic, fastest for words); {@link #heap} gives the same result in n log n for long pieces when
 * the merges are ordered (no merge uses a token before its last making merge).
 */
final class BpeMerger {

    private int[] ranks = new int[64];
    private int[] next = new int[0];
    private int[] prev = new int[0];
    private long[] heap = new long[0];

    /** Merges sym[0, m) in place; returns the new length. */
    int scan(int[] sym, int m, PairTable pairs, int[] result) {
        if (ranks.length < m) ranks = new int[Math.max(m, ranks.length * 2)];
        for (int i = 0; i + 1 < m; i++) ranks[i] = pairs.rank(sym[i], sym[i + 1]);
        while (m > 1) {
            int best = -1;
            int bestRank = ByteLevelBpe.NO_RANK;
            for (int i = 0; i + 1 < m; i++) {
                if (ranks[i] < bestRank) {
                    bestRank = ranks[i];
                    best = i;
                }
            }
            if (best < 0) break;
            int a = sym[best], b = sym[best + 1], merged = result[bestRank];
            int w = best;
            for (int i = best; i < m; ) {
                if (i + 1 < m && sym[i] == a && sym[i + 1] == b) {
                    sym[w++] = merged;
                    i += 2;
                } else {
                    sym[w++] = sym[i++];
                }
            }
            m = w;
            // Only pairs touching a merged token changed, but recomputing from the first merge is simpler and as fast for words.
            for (int i = Math.max(0, best - 1); i + 1 < m; i++) ranks[i] = pairs.rank(sym[i], sym[i + 1]);
        }
        return m;
    }

    /** Merges sym[0, m) in place through a heap of (rank, position); returns the new length. */
    int heap(int[] sym, int m, PairTable pairs, int[] result) {
        if (next.length < m) {
            next = new int[m];
            prev = new int[m];
            heap = new long[m];
        }
        int size = 0;
        for (int i = 0; i < m; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
            if (i + 1 < m) {
                int r = pairs.rank(sym[i], sym[i + 1]);
                if (r != ByteLevelBpe.NO_RANK) heap[size++] = entry(r, i);
            }
        }
        Arrays.sort(heap, 0, size);  // a sorted array is a valid min-heap
        while (size > 0) {
            long top = heap[0];
            heap[0] = heap[--size];
            siftDown(size);
            int r = (int) (top >>> 32);
            int p = (int) top;
            if (sym[p] < 0) continue;
            int q = next[p];
            if (q >= m || pairs.rank(sym[p], sym[q]) != r) continue;
            sym[p] = result[r];
            sym[q] = -1;
            next[p] = next[q];
            if (next[p] < m) prev[next[p]] = p;
            if (prev[p] >= 0) size = push(size, pairs.rank(sym[prev[p]], sym[p]), prev[p]);
            if (next[p] < m) size = push(size, pairs.rank(sym[p], sym[next[p]]), p);
        }
        int w = 0;
        for (int i = 0; i < m; i = next[i]) sym[w++] = sym[i];
        return w;
    }

    private static long entry(int rank, int pos) {
        return ((long) rank << 32) | pos;
    }

    private int push(int size, int rank, int pos) {
        if (rank == ByteLevelBpe.NO_RANK) return size;
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2 + 1);
        long e = entry(rank, pos);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= e) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = e;
        return size;
    }

    private void siftDown(int size) {
        if (size == 0) return;
        long e = heap[0];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && heap[c + 1] < heap[c]) c++;
            if (heap[c] >= e) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = e;
    }
}
