package nextword.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nextword.io.GptDirectory;
import nextword.io.NamedTensor;
import nextword.io.SafeTensors;
import nextword.model.GptConfig;
import nextword.model.GptWeights;

/**
 * Everything a run needs to continue as if it had never stopped, in one file written atomically:
 * weights, AdamW's two moments, the step, the data position and the options.
 */
public final class Checkpoint {

    public static final String FILE = "checkpoint.safetensors";
    private static final String M = "adam.m.";
    private static final String V = "adam.v.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where a run stands. step is the next step to run; totalSteps the schedule's length; elapsedSeconds the
     * wall-clock time spent so far (a time budget continues from it).
     */
    public record Position(int step, int totalSteps, long dataState, double elapsedSeconds) {}

    /** A checkpoint read back. */
    public record Saved(GptWeights weights, AdamW adam, Position position, TrainOptions options) {}

    private Checkpoint() {}

    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    public static void save(Path dir, GptWeights weights, AdamW adam, Position p, TrainOptions options) throws IOException {
        List<NamedTensor> all = new ArrayList<>(weights.tensors());
        for (NamedTensor t : adam.firstMoments().tensors()) all.add(new NamedTensor(M + t.name(), t.shape(), t.data()));
        for (NamedTensor t : adam.secondMoments().tensors()) all.add(new NamedTensor(V + t.name(), t.shape(), t.data()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("nextword.checkpoint", "1");
        meta.put("step", Integer.toString(p.step()));
        meta.put("total_steps", Integer.toString(p.totalSteps()));
        meta.put("adam_steps", Integer.toString(adam.steps()));
        meta.put("data_state", Long.toString(p.dataState()));
        meta.put("elapsed_seconds", Double.toString(p.elapsedSeconds()));
        meta.put("config", JSON.writeValueAsString(weights.config));
        meta.put("options", JSON.writeValueAsString(options));
        SafeTensors.write(dir.resolve(FILE), all, meta);
    }

    /** The options a checkpointed run was started with (reads only the file's header). */
    public static TrainOptions options(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) throw new NoSuchFileException(file + " (nothing to resume)");
        try (SafeTensors st = SafeTensors.open(file)) {
            String options = st.metadata().get("options");
            if (options == null) throw new IOException(file + " is not a nextword checkpoint");
            try {
                return JSON.readValue(options, TrainOptions.class);
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException(file + ": damaged options (" + e.getMessage() + ")", e);
            }
        }
    }

    public static Saved load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) throw new NoSuchFileException(file + " (nothing to resume)");
        try (SafeTensors st = SafeTensors.open(file)) {
            Map<String, String> meta = st.metadata();
            if (!"1".equals(meta.get("nextword.checkpoint"))) throw new IOException(file + " is not a nextword checkpoint");
            try {
                GptConfig config = JSON.readValue(meta.get("config"), GptConfig.class);
                TrainOptions options = JSON.readValue(meta.get("options"), TrainOptions.class);
                GptWeights weights = GptWeights.zeros(config);
                GptDirectory.readTensors(st, "", weights.tensors());
                AdamW adam = new AdamW(config, options.beta1(), options.beta2(), options.eps(), options.weightDecay());
                GptDirectory.readTensors(st, M, adam.firstMoments().tensors());
                GptDirectory.readTensors(st, V, adam.secondMoments().tensors());
                adam.restoreSteps(Integer.parseInt(meta.get("adam_steps")));
                Position p = new Position(Integer.parseInt(meta.get("step")), Integer.parseInt(meta.get("total_steps")),
                        Long.parseLong(meta.get("data_state")), Double.parseDouble(meta.get("elapsed_seconds")));
                return new Saved(weights, adam, p, options);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException(file + ": damaged metadata (" + e.getMessage() + ")", e);
            }
        }
    }
}
