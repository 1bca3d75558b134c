package nextword.lab.parens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParensTest {

    @Test
    void randomSequencesAreBalancedOfTheAskedLengthAndDepth() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 2000; i++) {
            int length = 2 * (1 + r.nextInt(12));
            int depth = 1 + r.nextInt(6);
            int[] s = Parens.random(r, length, depth, r.nextDouble());
            assertEquals(length, s.length);
            assertTrue(Parens.balanced(s), Parens.decode(s));
            assertTrue(Parens.depth(s) <= depth, Parens.decode(s));
        }
        assertFalse(Parens.balanced(Parens.encode("())(")));
        assertEquals(3, Parens.depth(Parens.encode("((()))()")));
        assertArrayEquals(Parens.encode("))."), Parens.closing(2));
    }

    @Test
    void batchesHoldWholeSequencesThenEndThenIgnoredPadding() {
        ParenBatches b = new ParenBatches(5, 7);
        int rows = 50, t = 12;
        int[] in = new int[rows * t], target = new int[rows * t];
        b.next(in, target, rows, t);
        for (int r = 0; r < rows; r++) {
            int n = 0;
            while (n < t && target[r * t + n] != -1) n++;
            int[] seq = java.util.Arrays.copyOfRange(in, r * t, r * t + n);
            assertTrue(Parens.balanced(seq), "row " + r + ": " + Parens.decode(seq));
            assertEquals(Parens.END, target[r * t + n - 1], "the last target is the end token");
            for (int i = 0; i + 1 < n; i++) assertEquals(in[r * t + i + 1], target[r * t + i], "targets are the next inputs");
        }
        long state = b.state();
        int[] again = new int[rows * t], first = new int[rows * t];
        b.next(first, target, rows, t);
        b.restore(state);
        b.next(again, target, rows, t);
        assertArrayEquals(first, again, "restoring the state repeats the batches");
    }
}
