package nextword.testing;

import java.nio.file.Files;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * For jqwik properties that read ../shared: skips the whole property when it is absent, as {@link SharedData#require}
 * skips a JUnit test. (An assumption inside a property only rejects each try, and a property whose every try is
 * rejected fails.) Under CI the property runs, and {@link SharedData#require} fails it.
 */
public final class NeedsSharedData implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (Files.isDirectory(SharedData.root()) || "true".equalsIgnoreCase(System.getenv("CI"))) return SkipResult.doNotSkip();
        return SkipResult.skip("shared data missing: " + SharedData.root() + " (the property needs ../shared beside the repository)");
    }
}
