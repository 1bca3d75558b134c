package nextword.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST experiments' quick forms: a slice of the training set, one or two epochs. They share the trained nets. */
class DigitsTest {

    @TempDir
    Path dir;

    @Test
    void digitsAndBits() throws Exception {
        Result digits = LabRunner.run("digits", dir, true);
        assertTrue(digits.number("mlp test accuracy") >= 0.95, "MLP: " + digits.number("mlp test accuracy"));
        assertTrue(digits.number("cnn test accuracy") >= 0.85, "CNN: " + digits.number("cnn test accuracy"));
        assertTrue(digits.number("mlp training images/s") > 0 && digits.number("cnn training images/s") > 0);
        ExperimentsTest.assertFigures(digits, 6);

        Result bits = LabRunner.run("bits", dir, true);
        for (String net : new String[] {"mlp", "cnn"}) {
            double full = bits.number(net + " accuracy, 32-bit floats");
            assertEquals(full, bits.number(net + " accuracy, 8-bit weights"), 0.005, net + ": 8 bits cost (almost) nothing");
            assertTrue(bits.number(net + " accuracy, 2-bit weights") < bits.number(net + " accuracy, 4-bit weights"), net + ": 2 bits cost more than 4");
        }
        ExperimentsTest.assertFigures(bits, 2);
    }
}
