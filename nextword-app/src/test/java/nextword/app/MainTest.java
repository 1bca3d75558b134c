package nextword.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    /** picocli formats descriptions with String.format: a lone % prints a warning in the middle of --help. */
    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        ArrayDeque<CommandLine> todo = new ArrayDeque<>(List.of(Main.commandLine()));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int commands = 0;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            while (!todo.isEmpty()) {
                CommandLine cl = todo.pop();
                todo.addAll(cl.getSubcommands().values());
                String help = cl.getUsageMessage();
                assertTrue(!help.isBlank(), cl.getCommandName());
                commands++;
            }
        } finally {
            System.setErr(err);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertEquals("", warnings, warnings);
        assertTrue(commands > 20, "only " + commands + " commands found");
    }

    @Test
    void versionNamesJava() {
        CliRun r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("nextword"), r.out());
    }
}
