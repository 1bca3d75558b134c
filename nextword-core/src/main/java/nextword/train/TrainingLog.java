package nextword.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import nextword.data.AtomicFile;

/** The run's history, one JSON object per line: steps, validations, samples. Readable while it grows. */
public final class TrainingLog implements AutoCloseable {

    public static final String FILE = "log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    private TrainingLog(BufferedWriter out) {
        this.out = out;
    }

    /** A fresh log, or, when resuming from step, the old one without the entries of steps at or after it. */
    public static TrainingLog open(Path dir, int fromStep) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        if (fromStep == 0) {
            Files.deleteIfExists(file);
        } else if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (JsonNode e : read(file)) if (e.path("step").asInt(Integer.MAX_VALUE) < fromStep) kept.add(JSON.writeValueAsString(e));
            AtomicFile.write(file, o -> o.write((String.join("\n", kept) + (kept.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8)));
        }
        return new TrainingLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** A new entry for the given step, to fill and {@link #write}. */
    public ObjectNode entry(int step) {
        return JSON.createObjectNode().put("step", step);
    }

    public void write(ObjectNode entry) {
        try {
            out.write(JSON.writeValueAsString(entry));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry of a log file; a torn last line (the run was killed mid-write) is skipped. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                entries.add(JSON.readTree(line));
            } catch (IOException e) {
                // a partial line from an interrupted run carries nothing we can use
            }
        }
        return entries;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
