package nextword.infer;

/** Finds the k largest of many numbers without sorting them all: a bounded heap, O(n log k), no allocation. */
final class TopTokens {

    private TopTokens() {}

    /**
     * Writes the indices of the k largest of x[0, n) into out[0, k'), largest first, the lower index first among
     * equals, and returns k' = min(k, n). out needs room for k'.
     */
    static int select(float[] x, int n, int k, int[] out) {
        int size = Math.min(k, n);
        if (size <= 0) return 0;
        // out[0, size) is a heap whose root is the worst index kept so far
        for (int i = 0; i < size; i++) {
            out[i] = i;
            siftUp(x, out, i);
        }
        for (int i = size; i < n; i++) {
            if (worse(x, out[0], i)) {
                out[0] = i;
                siftDown(x, out, 0, size);
            }
        }
        // heapsort: the worst goes to the end each time, leaving the best first
        for (int end = size - 1; end > 0; end--) {
            int t = out[0];
            out[0] = out[end];
            out[end] = t;
            siftDown(x, out, 0, end);
        }
        return size;
    }

    /** Whether index a ranks below index b: a smaller value, or the same value at a later index. */
    private static boolean worse(float[] x, int a, int b) {
        return x[a] < x[b] || (x[a] == x[b] && a > b);
    }

    private static void siftUp(float[] x, int[] h, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(x, h[i], h[parent])) return;
            int t = h[i];
            h[i] = h[parent];
            h[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(float[] x, int[] h, int i, int size) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) return;
            int worst = l + 1 < size && worse(x, h[l + 1], h[l]) ? l + 1 : l;
            if (!worse(x, h[worst], h[i])) return;
            int t = h[i];
            h[i] = h[worst];
            h[worst] = t;
            i = worst;
        }
    }
}
