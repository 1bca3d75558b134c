package nextword.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a model directory however Hugging Face laid them out: one {@code model.safetensors}, or
 * shards listed by {@code model.safetensors.index.json}. Every file is memory-mapped and validated on
 * opening; tensors are named without the {@code transformer.} prefix, and GPT-2's causal-mask buffers
 * ({@code attn.bias}, {@code attn.masked_bias}), which are not weights, are left out.
 *
 * <p>PyTorch's pickle files ({@code pytorch_model.bin}) are refused: unpickling can run arbitrary code.
 */
public final class WeightFiles implements AutoCloseable {

    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    private static final String PREFIX = "transformer.";
    private static final List<String> PICKLES = List.of("pytorch_model.bin", "pytorch_model.bin.index.json", "model.bin", "model.pt", "model.pth", "model.ckpt");

    private record Located(SafeTensors file, String stored) {}

    private final Path source;
    private final List<SafeTensors> files;
    private final Map<String, Located> tensors;
    private boolean closed;

    private WeightFiles(Path source, List<SafeTensors> files, Map<String, Located> tensors) {
        this.source = source;
        this.files = files;
        this.tensors = tensors;
    }

    /** Opens the weights in dir: the single file if present, else the sharded index. */
    public static WeightFiles open(Path dir) throws IOException {
        Path single = dir.resolve(SINGLE);
        Path index = dir.resolve(INDEX);
        List<SafeTensors> opened = new ArrayList<>();
        try {
            Map<String, Located> tensors = new LinkedHashMap<>();
            Path source = single;
            if (Files.isRegularFile(single)) {
                SafeTensors st = SafeTensors.open(single);
                opened.add(st);
                for (String name : st.entries().keySet()) add(tensors, st, name);
            } else if (Files.isRegularFile(index)) {
                readShards(dir, index, opened, tensors);
                source = index;
            } else {
                throw missing(dir);
            }
            return new WeightFiles(source, List.copyOf(opened), Collections.unmodifiableMap(tensors));
        } catch (IOException | RuntimeException e) {
            for (SafeTensors st : opened) st.close();
            throw e;
        }
    }

    private static IOException missing(Path dir) {
        for (String p : PICKLES) {
            if (Files.exists(dir.resolve(p))) {
                return new IOException(dir.resolve(p) + " is a PyTorch pickle, which nextword does not load (unpickling can run code); "
                        + "convert it to safetensors, e.g. in Python: AutoModelForCausalLM.from_pretrained(DIR).save_pretrained(OUT, safe_serialization=True)");
            }
        }
        return new NoSuchFileException(dir.resolve(SINGLE) + " (no " + SINGLE + " or " + INDEX + " in " + dir + ")");
    }

    private static void readShards(Path dir, Path index, List<SafeTensors> opened, Map<String, Located> tensors) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (IOException e) {
            throw new IOException(index + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) throw new IOException(index + ": no \"weight_map\" object of tensor → shard file");
        Map<String, SafeTensors> shards = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shard = e.getValue().asText("");
            if (!e.getValue().isTextual() || shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                throw new IOException(index + ": tensor '" + e.getKey() + "' names a bad shard " + e.getValue() + " (must be a file name in " + dir + ")");
            }
            SafeTensors st = shards.get(shard);
            if (st == null) {
                Path file = dir.resolve(shard);
                if (!Files.isRegularFile(file)) throw new NoSuchFileException(file + " (a shard listed in " + index + " is missing)");
                st = SafeTensors.open(file);
                opened.add(st);
                shards.put(shard, st);
            }
            if (!st.entries().containsKey(e.getKey())) throw new IOException(index + " puts '" + e.getKey() + "' in " + shard + ", which does not hold it");
            add(tensors, st, e.getKey());
        }
    }

    private static void add(Map<String, Located> tensors, SafeTensors st, String stored) throws IOException {
        String name = stored.startsWith(PREFIX) ? stored.substring(PREFIX.length()) : stored;
        if (name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")) return;
        Located before = tensors.put(name, new Located(st, stored));
        if (before != null) throw new IOException(st.file() + ": '" + name + "' appears twice (as '" + before.stored + "' and '" + stored + "')");
    }

    /** The single file, or the index of the shards. */
    public Path source() {
        return source;
    }

    /** The tensors' names (prefix removed, mask buffers left out), in file order. */
    public Iterable<String> names() {
        return tensors.keySet();
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The header entry of a tensor. */
    public SafeTensors.Entry entry(String name) throws IOException {
        Located l = locate(name);
        return l.file.entries().get(l.stored);
    }

    /** The tensor as float32 (from F32, F16, BF16 or F64), a fresh array. */
    public float[] floats(String name) throws IOException {
        Located l = locate(name);
        return l.file.floats(l.stored);
    }

    /** The tensor's raw little-endian bytes, straight from the mapping; valid until {@link #close()}. */
    public MemorySegment bytes(String name) throws IOException {
        Located l = locate(name);
        return l.file.bytes(l.stored);
    }

    /** The file that holds a tensor, for messages. */
    public Path file(String name) throws IOException {
        return locate(name).file.file();
    }

    /** The metadata of the first file (a sharded checkpoint repeats it, or keeps it in the index). */
    public Map<String, String> metadata() {
        return files.getFirst().metadata();
    }

    private Located locate(String name) throws IOException {
        Located l = tensors.get(name);
        if (l == null) throw new IOException("the weights have no tensor '" + name + "'");
        return l;
    }

    /** Unmaps every file (again: nothing). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (SafeTensors st : files) st.close();
    }
}
