package nextword.lab;

import java.nio.file.Path;
import nextword.testing.SharedData;

/** Runs one experiment's quick or full form into a folder, for the experiment tests (and by hand). */
final class LabRunner {

    private LabRunner() {}

    static Result run(String name, Path dir, boolean quick) throws Exception {
        Experiment e = Lab.find(name);
        Path mnist = e.needsMnist() ? SharedData.require("data/mnist") : SharedData.root().resolve("data/mnist");
        return Lab.run(e, new LabContext(dir, quick, 1, mnist, System.err::println)).result();
    }

    /** By hand: LabRunner NAME DIR [full]. */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Result r = run(args[0], Path.of(args[1]), !(args.length > 2 && args[2].equals("full")));
        System.err.printf("%s in %.1f s: %s%n", args[0], (System.nanoTime() - t0) / 1e9, r.numbers());
    }
}
