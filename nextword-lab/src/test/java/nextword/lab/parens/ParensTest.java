package nextword.lab.parens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import nextword.lab.meaning.GptProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParensTest {

    @TempDir
    Path dir;

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

    @Test
    void aOneBlockModelBeatsChanceOnShallowNestingWithinTheQuickBudget() throws Exception {
        ParensExperiment.Settings s = ParensExperiment.Settings.quick();
        ParensExperiment.Trained t = ParensExperiment.train(s, 1, dir.resolve("m"), null);
        ParensExperiment.Accuracy acc = ParensExperiment.completions(t.model(), 2, new int[] {0, 2, 4, 6}, 10, 3);
        // Choosing between ")" and end at random closes a run of d "(" with chance (1/2)^(d+1): 25% for d = 1, 12.5% for d = 2.
        double shallow = acc.mean(1, 2);
        assertTrue(shallow >= 0.5, "accuracy on depths 1-2 was " + shallow);
        // Teacher forcing scores exactly what decoding step by step (the likelier of ")" and end) would.
        ParensExperiment.Accuracy bare = ParensExperiment.completions(t.model(), 8, new int[] {0}, 1, 3);
        for (int d = 1; d <= 8; d++) {
            int[] seq = java.util.Arrays.copyOf(new int[0], d);
            java.util.Arrays.fill(seq, Parens.OPEN);
            for (int k = 0; k <= d; k++) {
                t.model().forward(seq, null, 1, seq.length);
                int at = (seq.length - 1) * 3;
                seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = t.model().logits()[at + Parens.END] > t.model().logits()[at + Parens.CLOSE] ? Parens.END : Parens.CLOSE;
            }
            boolean right = java.util.Arrays.equals(java.util.Arrays.copyOfRange(seq, d, 2 * d + 1), Parens.closing(d));
            assertEquals(right ? 1.0 : 0.0, bare.accuracy()[d - 1][0], "depth " + d);
        }
        ParensExperiment.Probabilities p = ParensExperiment.probabilities(t.model(), "(())");
        for (int i = 0; i < 4; i++) assertEquals(1, p.close()[i] + p.open()[i] + p.end()[i], 1e-5);
        assertTrue(p.end()[3] > p.open()[3] && p.close()[0] + p.open()[0] > 0.9, "after '(' something opens or closes; after '(())' the end is likelier than '('");
        // The folder is a model folder with its tokenizer: the other looks can open it.
        assertTrue(Files.exists(dir.resolve("m/model.safetensors")));
        assertEquals(3, GptProbe.open(dir.resolve("m")).tokenizer().vocabSize());
    }
}
