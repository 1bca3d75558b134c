package nextword.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nextword.data.AtomicFile;
import nextword.model.GptConfig;
import nextword.model.GptWeights;

/**
 * A GPT-2 saved the way Hugging Face saves one: a directory with {@code config.json} and
 * {@code model.safetensors} (plus the tokenizer's files, written by the tokenizer). What nextword trains
 * opens in other tools, and OpenAI's GPT-2 checkpoints open here.
 *
 * <p>Loading accepts names with or without the {@code transformer.} prefix, F32/F16/BF16 data, skips the
 * causal-mask buffers ({@code attn.bias}, {@code attn.masked_bias}) and takes the output layer from the
 * token embedding (GPT-2 ties them). It refuses missing or extra tensors, wrong shapes and NaN or infinite
 * weights.
 */
public final class GptDirectory {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    private static final String PREFIX = "transformer.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GptDirectory() {}

    /** Reads config.json. */
    public static GptConfig readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        if (!Files.exists(file)) throw new NoSuchFileException(file + " (not a model directory)");
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        String type = c.path("model_type").asText("gpt2");
        if (!type.equals("gpt2")) throw new IOException(file + ": model_type '" + type + "' is not gpt2");
        String act = c.path("activation_function").asText("gelu_new");
        if (!List.of("gelu_new", "gelu_pytorch_tanh", "gelu_fast").contains(act)) {
            throw new IOException(file + ": activation '" + act + "' is not GPT-2's tanh GELU");
        }
        double eps = c.path("layer_norm_epsilon").asDouble(GptConfig.LAYER_NORM_EPS);
        if (Math.abs(eps - GptConfig.LAYER_NORM_EPS) > 1e-9) throw new IOException(file + ": layer_norm_epsilon " + eps + " is not GPT-2's 1e-5");
        try {
            return new GptConfig(required(c, file, "vocab_size"),
                    c.has("n_positions") ? required(c, file, "n_positions") : required(c, file, "n_ctx"),
                    required(c, file, "n_layer"), required(c, file, "n_head"), required(c, file, "n_embd"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int required(JsonNode c, Path file, String key) throws IOException {
        JsonNode v = c.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new IOException(file + ": missing or non-integer '" + key + "'");
        return v.asInt();
    }

    /** Loads the weights of a model directory, checked. */
    public static GptWeights load(Path dir) throws IOException {
        GptConfig config = readConfig(dir);
        GptWeights w = GptWeights.zeros(config);
        Map<String, NamedTensor> want = new HashMap<>();
        for (NamedTensor t : w.tensors()) want.put(t.name(), t);
        try (SafeTensors st = SafeTensors.open(dir.resolve(WEIGHTS))) {
            for (SafeTensors.Entry e : st.entries().values()) {
                String name = e.name().startsWith(PREFIX) ? e.name().substring(PREFIX.length()) : e.name();
                if (isIgnored(name)) continue;
                NamedTensor t = want.remove(name);
                if (t == null) {
                    boolean twice = w.tensors().stream().anyMatch(x -> x.name().equals(name));
                    throw new IOException(st.file() + (twice ? ": '" + name + "' appears twice (with and without the prefix)"
                            : " has an unexpected tensor '" + e.name() + "' (not a GPT-2 of this config?)"));
                }
                copyChecked(st, e.name(), t);
            }
            if (!want.isEmpty()) {
                throw new IOException(st.file() + " lacks " + want.size() + " tensor(s), e.g. '" + want.keySet().stream().sorted().findFirst().orElseThrow() + "'");
            }
            if (st.entries().containsKey("lm_head.weight") && !Arrays.equals(st.floats("lm_head.weight"), w.wte)) {
                throw new IOException(st.file() + ": lm_head.weight differs from wte.weight; only tied GPT-2 output layers are supported");
            }
        }
        return w;
    }

    /** Reads prefix + name of every target from st into it: each must be present, of the right shape, finite. */
    public static void readTensors(SafeTensors st, String prefix, List<NamedTensor> targets) throws IOException {
        for (NamedTensor t : targets) {
            if (!st.entries().containsKey(prefix + t.name())) throw new IOException(st.file() + " lacks tensor '" + prefix + t.name() + "'");
            copyChecked(st, prefix + t.name(), t);
        }
    }

    private static void copyChecked(SafeTensors st, String entry, NamedTensor target) throws IOException {
        int[] shape = st.entries().get(entry).shape();
        if (!Arrays.equals(shape, target.shape())) {
            throw new IOException(st.file() + ": '" + entry + "' has shape " + Arrays.toString(shape) + ", the config needs " + Arrays.toString(target.shape()));
        }
        float[] values = st.floats(entry);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) throw new IOException(st.file() + ": '" + entry + "' holds " + values[i] + " at index " + i);
        }
        System.arraycopy(values, 0, target.data(), 0, values.length);
    }

    private static boolean isIgnored(String name) {
        return name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias") || name.equals("lm_head.weight");
    }

    /** Writes config.json and model.safetensors (F32, Hugging Face's names), each file atomically. */
    public static void save(Path dir, GptWeights w, Map<String, String> metadata) throws IOException {
        Files.createDirectories(dir);
        List<NamedTensor> named = new ArrayList<>();
        for (NamedTensor t : w.tensors()) named.add(new NamedTensor(PREFIX + t.name(), t.shape(), t.data()));
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("format", "pt"); // what transformers expects of a PyTorch-layout file
        meta.putAll(metadata);
        SafeTensors.write(dir.resolve(WEIGHTS), named, meta);
        byte[] config = configJson(w.config).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(dir.resolve(CONFIG), o -> o.write(config));
    }

    static String configJson(GptConfig c) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add("GPT2LMHeadModel");
        o.put("model_type", "gpt2");
        o.put("activation_function", "gelu_new");
        o.put("vocab_size", c.vocabSize());
        o.put("n_positions", c.contextLength());
        o.put("n_ctx", c.contextLength());
        o.put("n_embd", c.width());
        o.put("n_layer", c.layers());
        o.put("n_head", c.heads());
        o.put("layer_norm_epsilon", 1e-5);
        // nextword trains without dropout; say so, or other tools would assume GPT-2's 0.1
        o.put("embd_pdrop", 0.0);
        o.put("attn_pdrop", 0.0);
        o.put("resid_pdrop", 0.0);
        o.put("tie_word_embeddings", true);
        o.put("torch_dtype", "float32");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    }
}
