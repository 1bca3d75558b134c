package nextword.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each small experiment's quick form, asserting the number that makes its point. */
class ExperimentsTest {

    @TempDir
    Path dir;

    @Test
    void fitTheQuadraticBeatsTheLineAndThePolynomialOverfits() throws Exception {
        Result r = LabRunner.run("fit", dir, true);
        double line = r.number("a + b·x held-out rms error (s)");
        double quadratic = r.number("a + b·x + c·x² held-out rms error (s)");
        double odd = r.number("a + b/x + c·sin x held-out rms error (s)");
        assertTrue(quadratic < line, "quadratic " + quadratic + " vs line " + line);
        assertTrue(quadratic < odd, "quadratic " + quadratic + " vs a + b/x + c sin x " + odd);
        assertTrue(r.number("overfit train rms error (s)") < 1e-9, "one coefficient per point passes through every point");
        assertTrue(r.number("overfit held-out rms error (s)") > 3 * quadratic, "yet misses the held-out floors");
        assertFigures(r, 2);
    }

    @Test
    void attractorsTheEssaySizedNetFindsTheBasins() throws Exception {
        Result r = LabRunner.run("attractors", dir, true);
        double essay = r.number("17-neuron net held-out accuracy");
        assertTrue(essay >= 0.95, "17-neuron net: " + essay);
        assertTrue(r.number("3-neuron net held-out accuracy") < essay, "a 3-neuron net cannot draw three basins as well");
        assertFigures(r, 3);
    }

    @Test
    void neuronTheActivationsFollowTheirFormulas() throws Exception {
        Result r = LabRunner.run("neuron", dir, true);
        for (String a : new String[] {"ReLU", "tanh", "sigmoid", "GELU"}) {
            assertTrue(r.number(a + " max deviation from its formula") < 1e-5, a);
        }
        assertEquals(-0.170, r.number("GELU minimum"), 1e-3);
        assertEquals(-0.75, r.number("GELU minimum at x"), 0.02);
        assertFigures(r, 2);
    }

    @Test
    void functionRestartsAgreeInsideAndDisagreeOutside() throws Exception {
        Result r = LabRunner.run("function", dir, true);
        assertTrue(r.number("worst restart's mean squared error on the training range") < 0.02);
        double inside = r.number("spread of restarts inside the training range");
        double outside = r.number("spread of restarts outside the training range");
        assertTrue(outside > 10 * inside, "outside " + outside + " vs inside " + inside);
        assertFigures(r, 4);
    }

    @Test
    void landscapePlainDescentIsCaughtAndMomentumEscapes() throws Exception {
        Result r = LabRunner.run("landscape", dir, true);
        assertTrue(r.number("plain descent final cost") > 0.05, "stuck in the shallow valley");
        assertTrue(r.number("momentum descent final cost") < 1e-3, "reached the deep valley");
        assertEquals(-2.2, r.number("momentum descent final w1"), 0.05);
        assertEquals(-1.3, r.number("momentum descent final w2"), 0.05);
        assertTrue(r.number("plain descent final w1") > 0, "the shallow valley is on the other side");
        assertFigures(r, 2);
    }

    /** Every figure is a readable PNG of some size, and numbers.json sits beside them. */
    static void assertFigures(Result r, int expected) throws Exception {
        assertEquals(expected, r.figures().size());
        for (Result.Figure f : r.figures()) {
            BufferedImage img = ImageIO.read(f.file().toFile());
            assertTrue(img.getWidth() > 200 && img.getHeight() > 150, f.file() + " is " + img.getWidth() + "×" + img.getHeight());
            assertTrue(f.caption().length() > 40, "a sentence on what it shows");
            assertTrue(Files.exists(f.file().resolveSibling("numbers.json")));
        }
    }
}
