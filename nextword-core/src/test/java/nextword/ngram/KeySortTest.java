package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeySortTest {

    @Test
    void sortsLikeArraysSortAndTellsWhereEachKeyCameFrom() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int bits : new int[] {1, 11, 12, 40, 62}) {
            for (int n : new int[] {0, 1, 2, 1000, 50_000}) {
                long[] keys = new long[n];
                for (int i = 0; i < n; i++) keys[i] = rng.nextLong(1L << bits);
                long[] before = keys.clone();
                long[] expected = keys.clone();
                Arrays.sort(expected);
                int[] from = KeySort.sort(keys);
                assertArrayEquals(expected, keys, bits + " bits, " + n + " keys");
                boolean[] used = new boolean[n];
                for (int at = 0; at < n; at++) {
                    assertEquals(before[from[at]], keys[at]);
                    used[from[at]] = true;
                }
                for (boolean u : used) assertEquals(true, u, "order is a permutation");
            }
        }
    }
}
