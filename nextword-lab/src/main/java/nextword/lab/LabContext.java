package nextword.lab;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What an experiment runs with: where its files go, whether to run the quick form, the seed every random
 * choice derives from, where MNIST lives, and where progress lines go.
 *
 * @param dir      the experiment's own output folder (created by {@link Lab})
 * @param quick    fewer examples and steps, for tests
 * @param seed     same seed → same numbers and pictures
 * @param mnist    the folder with the four MNIST files
 * @param progress receives one line per progress report (training speed, loss, ETA)
 */
public record LabContext(Path dir, boolean quick, long seed, Path mnist, Consumer<String> progress) {

    /** A generator for one purpose: the same purpose and seed always give the same stream. */
    public RandomGenerator rng(String purpose) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
    }

    /** The path of a file in this experiment's folder. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Reports progress (one line). */
    public void log(String line) {
        progress.accept(line);
    }

    /** The same settings with another output folder. */
    public LabContext in(Path otherDir) {
        return new LabContext(otherDir, quick, seed, mnist, progress);
    }
}
