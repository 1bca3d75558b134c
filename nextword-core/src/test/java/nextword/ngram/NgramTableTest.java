package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NgramTableTest {

    @Test
    void countsLikeAHashMapThroughManyGrowths() {
        NgramTable table = new NgramTable(4);
        Map<Long, Integer> reference = new HashMap<>();
        Map<Long, Integer> firstIndex = new HashMap<>();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 60_000; i++) {
            // Regular keys like real packed n-grams (small context, small word) plus some huge ones.
            long key = i % 3 == 0 ? rng.nextLong(Long.MAX_VALUE) : ((long) rng.nextInt(5000) << 17) | rng.nextInt(300);
            int index = table.increment(key);
            reference.merge(key, 1, Integer::sum);
            Integer before = firstIndex.putIfAbsent(key, index);
            if (before != null) assertEquals(before, index, "an index moved when the table grew");
        }
        assertEquals(reference.size(), table.size());
        for (var e : reference.entrySet()) {
            int i = table.find(e.getKey());
            assertEquals(e.getValue(), table.count(i));
            assertEquals(e.getKey(), table.key(i));
        }
        assertEquals(-1, table.find(Long.MAX_VALUE - 1));
        long[] keys = table.keys();
        int[] counts = table.counts();
        assertEquals(table.size(), keys.length);
        for (int i = 0; i < keys.length; i++) assertEquals(reference.get(keys[i]), counts[i]);
        double bytesPerKey = (double) table.bytes() / table.size();
        assertTrue(bytesPerKey >= 12 && bytesPerKey < 32, "bytes per key " + bytesPerKey);
    }

    @Test
    void internAddsWithoutCounting() {
        NgramTable table = new NgramTable(0);
        assertEquals(0, table.intern(42));
        assertEquals(0, table.count(0));
        assertEquals(0, table.increment(42));
        assertEquals(1, table.count(0));
        assertEquals(1, table.intern(7));
        assertThrows(IllegalArgumentException.class, () -> table.increment(-1));
    }
}
