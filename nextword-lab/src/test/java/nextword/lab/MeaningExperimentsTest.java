package nextword.lab;

import static nextword.lab.ExperimentsTest.assertFigures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nextword.lab.meaning.GptProbe;
import nextword.lab.parens.Parens;
import nextword.lab.parens.ParensExperiment;
import nextword.model.Gpt;
import nextword.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick forms of the meaning-space experiments, asserting what each shows. */
class MeaningExperimentsTest {

    @TempDir
    Path dir;

    @Test
    void embeddingsEvenAQuickWord2vecPutsWeekdaysTogether() throws Exception {
        SharedData.require("data/brown.txt.gz"); // without ../shared: a skip (a failure under CI), not a missing-file error
        SharedData.require("data/brown-tagged.txt.gz");
        Result r = LabRunner.run("embeddings", dir, true);
        assertTrue(r.number("other weekdays among the 5 words nearest to 'monday'") >= 1, r.numbers().toString());
        assertTrue(r.number("vocabulary (words used 5+ times)") > 3000);
        assertFigures(r, 4);
        assertTrue(Files.size(dir.resolve("embeddings/brown.vec")) > 100_000);
    }

    @Test
    void insideGptTrainsAModelAndDrawsEveryLook() throws Exception {
        SharedData.require("data/brown.txt.gz");
        Result r = LabRunner.run("inside-gpt", dir, true);
        double loss = r.number("final training loss (nats per word)");
        assertTrue(loss > 0 && loss < Math.log(1001), "a trained model beats guessing among 1,001 words: " + loss);
        double share = r.number("logit lens: positions where block 1 already guesses the final answer (share)");
        assertTrue(share >= 0 && share <= 1);
        assertFigures(r, 8);
        assertEquals(1001, GptProbe.open(dir.resolve("inside-gpt/model")).tokenizer().vocabSize(), "the model folder holds its tokenizer");
    }

    @Test
    void parensTheOneBlockModelBeatsChanceOnShallowNestingWithinTheQuickBudget() throws Exception {
        Result r = LabRunner.run("parens", dir, true);
        int steps = ParensExperiment.Settings.quick().steps();
        // Choosing between ")" and end at random closes a run of d "(" with chance (1/2)^(d+1): at most 25% for d = 1..3.
        double shallow = r.number("1 block after " + steps + " steps: closed correctly, depth 1-3");
        assertTrue(shallow >= 0.5, "depths 1-3: " + shallow);
        assertFigures(r, 3);

        Gpt gpt = GptProbe.open(dir.resolve("parens/1-block")).gpt();
        // Teacher forcing scores exactly what decoding step by step (the likelier of ")" and end) would.
        ParensExperiment.Accuracy bare = ParensExperiment.completions(gpt, 8, new int[] {0}, 1, 3);
        for (int d = 1; d <= 8; d++) {
            int[] seq = new int[d];
            Arrays.fill(seq, Parens.OPEN);
            for (int k = 0; k <= d; k++) {
                gpt.forward(seq, null, 1, seq.length);
                int at = (seq.length - 1) * 3;
                seq = Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = gpt.logits()[at + Parens.END] > gpt.logits()[at + Parens.CLOSE] ? Parens.END : Parens.CLOSE;
            }
            boolean right = Arrays.equals(Arrays.copyOfRange(seq, d, 2 * d + 1), Parens.closing(d));
            assertEquals(right ? 1.0 : 0.0, bare.accuracy()[d - 1][0], "depth " + d);
        }
        ParensExperiment.Probabilities p = ParensExperiment.probabilities(gpt, "(())");
        for (int i = 0; i < 4; i++) assertEquals(1, p.close()[i] + p.open()[i] + p.end()[i], 1e-5);
        assertTrue(p.end()[3] > p.end()[1], "after '(())' the end is likelier than after '(('");
    }
}
