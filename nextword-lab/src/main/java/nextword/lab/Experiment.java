package nextword.lab;

import java.io.IOException;

/**
 * One of the essay's experiments, run for real: it trains or fits what it needs, draws its pictures into
 * {@link LabContext#dir()} and returns them with the numbers that say what happened.
 */
public interface Experiment {

    /** The short name on the command line: "fit", "attractors", "digits"… */
    String name();

    /** One sentence on what the experiment shows. */
    String description();

    /** Whether it reads MNIST (then it is refused up front, with one clear line, when the files are absent). */
    default boolean needsMnist() {
        return false;
    }

    /** Runs it; quick runs use less data and fewer steps (the test suite runs those) and still assert the point. */
    Result run(LabContext context) throws IOException;
}
