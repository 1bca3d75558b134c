package nextword.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LabCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    /** Runs the command line, catching what it prints through picocli and through System.out. */
    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void listNamesEveryExperiment() {
        Run r = run("lab", "list");
        assertEquals(0, r.code());
        for (String name : new String[] {"fit", "attractors", "neuron", "function", "landscape", "digits", "bits"}) {
            assertTrue(r.out().contains(name), r.out());
        }
    }

    @Test
    void anUnknownExperimentIsBadUsageInOneLine() {
        Run r = run("lab", "nope");
        assertEquals(Main.BAD_USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("nextword: no experiment 'nope'"), r.err());
    }

    @Test
    void missingMnistIsOneClearLine() {
        Run r = run("lab", "digits", "--quick", "--out", dir.toString(), "--data", dir.resolve("nowhere").toString());
        assertEquals(Main.BAD_USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("MNIST not found"), r.err());
    }

    @Test
    void anExperimentWritesItsPicturesAndNumbers() {
        Run r = run("lab", "neuron", "--quick", "--seed", "3", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("neuron/neuron-maps.png")));
        assertTrue(Files.exists(dir.resolve("neuron/numbers.json")));
        assertTrue(r.out().contains("GELU minimum"), r.out());
    }
}
