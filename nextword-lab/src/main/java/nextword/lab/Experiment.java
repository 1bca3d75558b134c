package nextword.lab;

import java.io.IOException;

/**
 * One of the essay's experiments, run for real: it trains or fits what it needs, draws its pictures into
 * {@link LabContext#dir()} and returns them with the numbers that say what happened.
 */
public abstract class Experiment {

    private final String name;
    private final String description;

    /** name: the short name on the command line ("fit", "digits"…); description: one sentence on what it shows. */
    protected Experiment(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public final String name() {
        return name;
    }

    public final String description() {
        return description;
    }

    /** Whether it reads MNIST (then it is refused up front, with one clear line, when the files are absent). */
    public boolean needsMnist() {
        return false;
    }

    /** Runs it; quick runs use less data and fewer steps (the test suite runs those) and still assert the point. */
    public abstract Result run(LabContext context) throws IOException;
}
