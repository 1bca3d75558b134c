package nextword.app.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import nextword.lab.Experiment;
import nextword.lab.Lab;
import nextword.lab.LabContext;
import nextword.lab.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs the essay's experiments for real: their pictures (PNG), numbers (JSON) and, for all, one HTML page. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Run one of the essay's experiments (or all of them) and write its pictures and numbers.",
                "Experiments: fit, attractors, neuron, function, landscape, digits, bits, embeddings, inside-gpt, parens;",
                "'list' describes them;",
                "'all' runs every one and writes DIR/index.html with every figure."})
public final class LabCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "an experiment's name, 'all' or 'list'")
    String experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: lab-out); each experiment gets DIR/<name>/")
    Path out = Path.of("lab-out");

    @Option(names = "--quick", description = "fewer examples and steps (what the tests run)")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", description = "seed for every random choice (default: 1)")
    long seed = 1;

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the four MNIST files (default: ../shared/data/mnist beside the repository)")
    Path data;

    @Override
    public Integer call() throws IOException {
        if (experiment.equals("list")) {
            for (Experiment e : Lab.experiments()) System.out.printf("%-11s %s%n", e.name(), e.description());
            return 0;
        }
        LabContext context = new LabContext(out, quick, seed, data != null ? data : defaultMnist(), line -> System.err.println(line));
        if (experiment.equals("all")) {
            Path page = Lab.runAll(context);
            System.out.println("wrote " + page);
            return 0;
        }
        Lab.Run run = Lab.run(Lab.find(experiment), context);
        Result r = run.result();
        for (Map.Entry<String, Double> n : r.numbers().entrySet()) System.out.printf("%-55s %s%n", n.getKey(), format(n.getValue()));
        for (Result.Figure f : r.figures()) System.out.println("wrote " + f.file());
        System.out.printf("%s: done in %.1f s%n", experiment, run.seconds());
        return 0;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format("%.4g", v);
    }

    /**
     * ../shared/data/mnist from the working directory when it is there, else beside the repository the jar was
     * built in (the jar, or the classes folder, lives in REPO/nextword-app/target/).
     */
    static Path defaultMnist() {
        Path fromCwd = Path.of("..", "shared", "data", "mnist");
        if (Files.isDirectory(fromCwd)) return fromCwd;
        try {
            var source = LabCommand.class.getProtectionDomain().getCodeSource();
            Path p = source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
            for (int up = 0; up < 4 && p != null; up++) p = p.getParent(); // jar → target → nextword-app → REPO → its parent
            if (p != null && Files.isDirectory(p.resolve("shared/data/mnist"))) return p.resolve("shared/data/mnist");
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // no usable code source: the working directory's guess stands
        }
        return fromCwd;
    }
}
