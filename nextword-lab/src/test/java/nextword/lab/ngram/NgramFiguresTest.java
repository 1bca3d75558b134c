package nextword.lab.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import nextword.lab.plot.Charts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramFiguresTest {

    @TempDir
    Path dir;

    @Test
    void countsLettersAndPairsWithinWordsOnly() {
        NgramFigures.LetterCounts c = NgramFigures.LetterCounts.of("Queen quit. A Q-U!");
        assertEquals(3, c.single()['q' - 'a']);
        assertEquals(2, c.pairs()['q' - 'a']['u' - 'a'], "\"q-u\" is two words, not a pair");
        assertEquals(0, c.pairs()['t' - 'a']['a' - 'a'], "no pair across a space");
        assertEquals(1, c.pairs()['e' - 'a']['e' - 'a']);
    }

    @Test
    void drawsTheThreePictures() throws Exception {
        NgramFigures.LetterCounts c = NgramFigures.LetterCounts.of("the quick brown fox jumps over the lazy dog; quiet queen");
        Path bars = Charts.savePng(NgramFigures.letterFrequencies(c, "test"), dir.resolve("letters.png"));
        Path heat = Charts.savePng(NgramFigures.letterPairs(c, "test"), dir.resolve("pairs.png"));
        Path lines = Charts.savePng(NgramFigures.perplexityByOrder("test", List.of(
                new Charts.Series("Kneser-Ney", new double[] {1, 2, 3}, new double[] {28, 12, 7}))), dir.resolve("ppl.png"));
        for (Path p : List.of(bars, heat, lines)) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img.getWidth() > 500 && img.getHeight() > 300, p.toString());
        }
        double[][] cells = NgramFigures.pairProbabilities(c);
        assertEquals(1.0, cells['u' - 'a']['q' - 'a'], 1e-12, "q is always followed by u here");
        for (int first = 0; first < 26; first++) {
            double sum = 0;
            for (int second = 0; second < 26; second++) sum += cells[second][first];
            if (sum > 0) assertEquals(1.0, sum, 1e-12, "column " + (char) ('a' + first));
        }
        assertEquals(1.0, cells['u' - 'a']['j' - 'a'], 1e-12, "jumps");
        for (int second = 0; second < 26; second++) assertEquals(0.0, cells[second]['x' - 'a'], "x only ends words (fox)");
    }
}
