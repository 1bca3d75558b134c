package nextword.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nextword.lab.attractors.Attractors;
import nextword.lab.bits.EightBits;
import nextword.lab.digits.Digits;
import nextword.lab.fit.FallingBall;
import nextword.lab.function.LearnFunction;
import nextword.lab.landscape.LossLandscape;
import nextword.lab.meaning.InsideGpt;
import nextword.lab.meaning.WordEmbeddings;
import nextword.lab.neuron.NeuronPictures;
import nextword.lab.parens.Parentheses;
import nextword.lab.plot.AtomicFile;

/**
 * The essay's experiments, in the essay's order, and how to run them: each into its own folder with a
 * numbers.json beside its pictures; all of them into one HTML page.
 */
public final class Lab {

    /** A finished experiment: what it is, what it produced, how long it took. */
    public record Run(Experiment experiment, Result result, double seconds) {}

    private Lab() {}

    /** Every experiment, in the order the essay meets them. */
    public static List<Experiment> experiments() {
        return List.of(new FallingBall(), new Attractors(), new NeuronPictures(), new LearnFunction(),
                new LossLandscape(), new Digits(), new EightBits(), new WordEmbeddings(), new InsideGpt(), new Parentheses());
    }

    /** The experiment with this name, or an IllegalArgumentException that lists the names. */
    public static Experiment find(String name) {
        for (Experiment e : experiments()) if (e.name().equals(name)) return e;
        throw new IllegalArgumentException("no experiment '" + name + "'; try one of " + names() + ", or 'all'");
    }

    public static List<String> names() {
        return experiments().stream().map(Experiment::name).toList();
    }

    /**
     * Runs one experiment into root/&lt;name&gt;/ (context.dir() is root) and writes its numbers.json there.
     */
    public static Run run(Experiment e, LabContext context) throws IOException {
        Path dir = context.dir().resolve(e.name());
        Files.createDirectories(dir);
        if (e.needsMnist()) requireMnist(context.mnist());
        long t0 = System.nanoTime();
        Result result = e.run(context.in(dir));
        double seconds = (System.nanoTime() - t0) / 1e9;
        writeNumbers(dir.resolve("numbers.json"), e, result, seconds, context);
        return new Run(e, result, seconds);
    }

    /** Runs every experiment into root and writes root/index.html with every figure; returns the page. */
    public static Path runAll(LabContext context) throws IOException {
        if (experiments().stream().anyMatch(Experiment::needsMnist)) requireMnist(context.mnist());
        List<Run> runs = new ArrayList<>();
        for (Experiment e : experiments()) {
            context.log("lab: " + e.name() + " — " + e.description());
            Run r = run(e, context);
            context.log(String.format("lab: %s done in %.1f s", e.name(), r.seconds()));
            runs.add(r);
        }
        return LabPage.write(context.dir().resolve("index.html"), runs, context);
    }

    /** Fails with one clear line when the MNIST files are not where they should be. */
    public static void requireMnist(Path dir) {
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            if (!Files.isRegularFile(dir.resolve(f + ".gz")) && !Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException("MNIST not found: " + dir.resolve(f) + "[.gz] is missing (pass --data DIR with the four MNIST files)");
            }
        }
    }

    private static void writeNumbers(Path file, Experiment e, Result result, double seconds, LabContext context) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", e.name());
        json.put("description", e.description());
        json.put("quick", context.quick());
        json.put("seed", context.seed());
        json.put("seconds", Math.round(seconds * 100) / 100.0);
        json.put("numbers", result.numbers());
        List<Map<String, String>> figures = new ArrayList<>();
        for (Result.Figure f : result.figures()) figures.add(Map.of("file", f.file().getFileName().toString(), "caption", f.caption()));
        json.put("figures", figures);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFile.write(file, os -> mapper.writeValue(os, json));
    }
}
