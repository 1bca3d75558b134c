package nextword.infer;

/**
 * The tokens of the recent context and how often each occurs, so that repetition, presence and frequency
 * penalties cost O(window) per token rather than O(vocabulary): a ring of the last tokens, a count per token,
 * and the list of distinct tokens in the ring.
 */
final class Penalties {

    private final int[] ring;
    private int size;
    private int head;
    private final int[] counts;   // (V)
    private final int[] distinct; // tokens with a non-zero count
    private final int[] slot;     // (V) where a token sits in distinct, or −1
    private int distinctCount;

    /** Remembers the last window tokens of a vocabulary of size vocab (window 0 remembers nothing). */
    Penalties(int vocab, int window) {
        ring = new int[window];
        counts = new int[vocab];
        distinct = new int[Math.min(vocab, Math.max(window, 1))];
        slot = new int[vocab];
        java.util.Arrays.fill(slot, -1);
    }

    /** Adds a token, forgetting the oldest when the window is full. */
    void push(int token) {
        if (ring.length == 0) return;
        if (size == ring.length) {
            forget(ring[head]);
            ring[head] = token;
            head = (head + 1) % ring.length;
        } else {
            ring[(head + size++) % ring.length] = token;
        }
        if (counts[token]++ == 0) {
            slot[token] = distinctCount;
            distinct[distinctCount++] = token;
        }
    }

    private void forget(int token) {
        if (--counts[token] == 0) {
            int at = slot[token];
            int last = distinct[--distinctCount];
            distinct[at] = last;
            slot[last] = at;
            slot[token] = -1;
        }
    }

    /** How often token occurs in the window. */
    int count(int token) {
        return counts[token];
    }

    /**
     * Penalizes the logits of the tokens in the window: a repeated token's logit is divided by repetition when
     * positive and multiplied by it when negative (CTRL's rule), then presence + frequency × count is subtracted
     * (OpenAI's rule).
     */
    void apply(float[] logits, float repetition, float presence, float frequency) {
        for (int i = 0; i < distinctCount; i++) {
            int t = distinct[i];
            float l = logits[t];
            if (repetition != 1f) l = l > 0 ? l / repetition : l * repetition;
            logits[t] = l - presence - frequency * counts[t];
        }
    }
}
