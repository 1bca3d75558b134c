package nextword.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nextword serve's command line: bad usage is one line and exit 2, a missing model exit 1, before anything listens. */
class ServeCommandTest {

    @Test
    void needsAModel() {
        CliRun r = CliRun.of("serve");
        assertEquals(Main.BAD_USAGE, r.code());
        assertTrue(r.err().contains("--model"), r.err());
    }

    @Test
    void refusesBadNumbersAndMissingModels(@TempDir Path dir) {
        CliRun port = CliRun.of("serve", "--model", dir.toString(), "--port", "70000");
        assertEquals(Main.BAD_USAGE, port.code(), port.err());
        assertTrue(port.err().startsWith("nextword: --port must be in [0, 65535]"), port.err());
        CliRun parallel = CliRun.of("serve", "--model", dir.toString(), "--parallel", "0");
        assertEquals(Main.BAD_USAGE, parallel.code(), parallel.err());
        CliRun batch = CliRun.of("serve", "--model", dir.toString(), "--batch", "sometimes");
        assertEquals(Main.BAD_USAGE, batch.code(), batch.err());
        assertTrue(batch.err().contains("--batch must be auto, on or off"), batch.err());
        CliRun missing = CliRun.of("serve", "--model", dir.resolve("nope").toString());
        assertEquals(Main.FAILED, missing.code(), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), "one line, no stack trace: " + missing.err());
    }
}
