package nextword.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files in the read-only shared/ folder beside the repository. A user's clone without it skips
 * the test with a reason; under CI (CI=true) a missing file fails the test instead of skipping silently.
 */
public final class SharedData {

    private SharedData() {}

    /** The shared/ root: -Dnextword.shared, else ../shared from the working directory's repository root. */
    public static Path root() {
        String configured = System.getProperty("nextword.shared");
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath().normalize();
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".ci"))) dir = dir.getParent();
        return (dir == null ? Path.of("..") : dir.getParent()).resolve("shared").normalize();
    }

    /** shared/&lt;relative&gt;, or skip (fail under CI) when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String why = "shared data missing: " + p + " (the test needs ../shared beside the repository)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why);
            assumeTrue(false, why);
        }
        return p;
    }
}
