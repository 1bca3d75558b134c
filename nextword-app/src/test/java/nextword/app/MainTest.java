package nextword.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsCommands() {
        CliRun r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("info"), r.out());
    }

    @Test
    void unknownOptionIsBadUsageInOneLine() {
        CliRun r = run("--no-such-option");
        assertEquals(Main.BAD_USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("nextword: "), r.err());
    }

    @Test
    void versionNamesJava() {
        CliRun r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("nextword"), r.out());
    }
}
