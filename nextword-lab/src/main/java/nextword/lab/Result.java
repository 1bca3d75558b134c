package nextword.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an experiment produced: its pictures, each with a sentence on what it shows, and its key numbers. */
public final class Result {

    /** A picture and the sentence that goes beside it. */
    public record Figure(Path file, String caption) {}

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Double> numbers = new LinkedHashMap<>();

    public Result figure(Path file, String caption) {
        figures.add(new Figure(file, caption));
        return this;
    }

    /** Records a number under a name that says what it is ("mlp test accuracy"); names are unique. */
    public Result number(String name, double value) {
        if (numbers.putIfAbsent(name, value) != null) throw new IllegalArgumentException("number '" + name + "' recorded twice");
        return this;
    }

    /** A recorded number; asking for one that was never recorded is a bug, so it fails loudly. */
    public double number(String name) {
        Double v = numbers.get(name);
        if (v == null) throw new IllegalArgumentException("no number '" + name + "'; have " + numbers.keySet());
        return v;
    }

    public List<Figure> figures() {
        return Collections.unmodifiableList(figures);
    }

    public Map<String, Double> numbers() {
        return Collections.unmodifiableMap(numbers);
    }
}
