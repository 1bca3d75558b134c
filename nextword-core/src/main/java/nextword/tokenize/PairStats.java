package nextword.tokenize;

import java.util.Arrays;

/**
 * BPE training's book of pairs: for each adjacent pair of ids its count over the corpus and the pieces
 * that hold it, plus a max-heap (count, then smaller pair first) with lazy deletion: a pair is pushed
 * again whenever a merge changed its count, and stale entries are skipped when they surface.
 */
final class PairStats {

    private int[] slots = new int[1 << 16];
    private long[] keys = new long[1 << 15];
    private long[] counts = new long[1 << 15];
    private int[][] words = new int[1 << 15][];
    private int[] wordCounts = new int[1 << 15];
    private int size;

    private long[] heapCount = new long[1 << 15];
    private int[] heapPair = new int[1 << 15];
    private int heapSize;

    private int[] changed = new int[256];
    private long[] before = new long[256];
    private int changedCount;
    private boolean tracking;
    private int[] changeMark = new int[1 << 15];
    private int changeEpoch = 1;

    int left(int pair) {
        return (int) (keys[pair] >>> 32);
    }

    int right(int pair) {
        return (int) keys[pair];
    }

    int[] words(int pair) {
        return words[pair];
    }

    int wordCount(int pair) {
        return wordCounts[pair];
    }

    /** Adds delta to the pair's count, and records word as a holder when word >= 0. */
    void add(int a, int b, long delta, int word) {
        int p = find(((long) a << 32) | b);
        if (tracking && changeMark[p] != changeEpoch) {
            changeMark[p] = changeEpoch;
            if (changedCount == changed.length) {
                changed = Arrays.copyOf(changed, changedCount * 2);
                before = Arrays.copyOf(before, changedCount * 2);
            }
            changed[changedCount] = p;
            before[changedCount++] = counts[p];
        }
        counts[p] += delta;
        if (word >= 0) {
            int[] ws = words[p];
            if (ws == null) ws = words[p] = new int[2];
            int n = wordCounts[p];
            if (n > 0 && ws[n - 1] == word) return;
            if (n == ws.length) ws = words[p] = Arrays.copyOf(ws, n * 2);
            ws[n] = word;
            wordCounts[p] = n + 1;
        }
    }

    void startChanges() {
        tracking = true;
        changedCount = 0;
        changeEpoch++;
    }

    /** Pushes every pair whose count the merge changed, with its new count. */
    void finishChanges() {
        tracking = false;
        for (int i = 0; i < changedCount; i++) {
            int p = changed[i];
            if (counts[p] != before[i] && counts[p] > 0) push(p);
        }
    }

    /** Builds the heap from every pair counted so far. */
    void heapify() {
        heapSize = 0;
        for (int p = 0; p < size; p++) if (counts[p] > 0) {
            ensureHeap();
            heapCount[heapSize] = counts[p];
            heapPair[heapSize++] = p;
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) siftDown(i);
    }

    /** The pair to merge next (largest count, then smallest (left, right)), or -1 when none is left. */
    int pollBest() {
        while (heapSize > 0) {
            int p = heapPair[0];
            long c = heapCount[0];
            heapSize--;
            if (heapSize > 0) {
                heapCount[0] = heapCount[heapSize];
                heapPair[0] = heapPair[heapSize];
                siftDown(0);
            }
            if (c == counts[p] && c > 0) return p;
        }
        return -1;
    }

    private void push(int p) {
        ensureHeap();
        int i = heapSize++;
        heapCount[i] = counts[p];
        heapPair[i] = p;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(i, parent)) break;
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= heapSize) return;
            int c = l + 1 < heapSize && better(l + 1, l) ? l + 1 : l;
            if (!better(c, i)) return;
            swap(c, i);
            i = c;
        }
    }

    private boolean better(int i, int j) {
        if (heapCount[i] != heapCount[j]) return heapCount[i] > heapCount[j];
        return keys[heapPair[i]] < keys[heapPair[j]];
    }

    private void swap(int i, int j) {
        long c = heapCount[i];
        heapCount[i] = heapCount[j];
        heapCount[j] = c;
        int p = heapPair[i];
        heapPair[i] = heapPair[j];
        heapPair[j] = p;
    }

    private void ensureHeap() {
        if (heapSize == heapCount.length) {
            heapCount = Arrays.copyOf(heapCount, heapSize * 2);
            heapPair = Arrays.copyOf(heapPair, heapSize * 2);
        }
    }

    /** The index of the pair with this key, creating it with count 0 when new. */
    private int find(long key) {
        int mask = slots.length - 1;
        int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        for (int e; (e = slots[s]) != 0; s = (s + 1) & mask) {
            if (keys[e - 1] == key) return e - 1;
        }
        if (size == keys.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            counts = Arrays.copyOf(counts, n);
            words = Arrays.copyOf(words, n);
            wordCounts = Arrays.copyOf(wordCounts, n);
            changeMark = Arrays.copyOf(changeMark, n);
        }
        int p = size++;
        keys[p] = key;
        slots[s] = p + 1;
        if (size * 2 > slots.length) rehash();
        return p;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int p = 0; p < size; p++) {
            int s = (int) ((keys[p] * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = p + 1;
        }
    }
}
