package nextword.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nextword.data.AtomicFile;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}, then the raw data.
 *
 * <p>Reading memory-maps the file (any size) and checks the whole header against the file before any
 * tensor is read: lengths, dtypes, shapes, and offsets that must lie inside the data, match dtype × shape
 * and not overlap. Tensors come back as float32 from F32, F16, BF16 or F64. Writing produces F32.
 */
public final class SafeTensors implements AutoCloseable {

    /** Element types the format names, with their sizes in bytes. */
    public enum DType {
        F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

        public final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }

    /** One tensor's header entry; begin and end are byte offsets into the data section. */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        public long numel() {
            return NamedTensor.numel(shape);
        }
    }

    /** A header longer than this is not a weights file (GPT-2 XL's is about 60 KB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, Arena arena, MemorySegment data, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens and validates a file; the caller closes it (the mapping lives until then). */
    public static SafeTensors open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw bad(file, "only " + size + " bytes");
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long n = all.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (n < 2 || n > size - 8 || n > MAX_HEADER_BYTES) {
                throw bad(file, "header length " + Long.toUnsignedString(n) + " does not fit a " + size + "-byte file");
            }
            byte[] header = all.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment data = all.asSlice(8 + n);
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = parseHeader(file, header, data.byteSize(), metadata);
            return new SafeTensors(file, arena, data, entries, metadata);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static Map<String, Entry> parseHeader(Path file, byte[] header, long dataSize, Map<String, String> metadata) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8).strip());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw bad(file, "header is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) throw bad(file, "header is not a JSON object");
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("__metadata__")) {
                if (!v.isObject()) throw bad(file, "__metadata__ is not an object");
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.put(name, parseEntry(file, name, v, dataSize));
        }
        List<Entry> byOffset = new ArrayList<>(entries.values());
        byOffset.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < byOffset.size(); i++) {
            Entry prev = byOffset.get(i - 1);
            Entry cur = byOffset.get(i);
            if (cur.begin() < prev.end()) throw bad(file, "tensors '" + prev.name() + "' and '" + cur.name() + "' overlap");
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path file, String name, JsonNode v, long dataSize) throws IOException {
        if (!v.isObject()) throw bad(file, "entry '" + name + "' is not an object");
        DType dtype;
        try {
            dtype = DType.valueOf(v.path("dtype").asText(""));
        } catch (IllegalArgumentException e) {
            throw bad(file, "tensor '" + name + "' has unknown dtype '" + v.path("dtype").asText() + "'");
        }
        JsonNode shapeNode = v.path("shape");
        JsonNode offsets = v.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw bad(file, "tensor '" + name + "' lacks a shape or a [begin, end] data_offsets");
        }
        int[] shape = new int[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || d.asLong() < 0 || d.asLong() > Integer.MAX_VALUE) throw bad(file, "tensor '" + name + "' has a bad dimension " + d);
            shape[i] = (int) d.asLong();
            numel = Math.multiplyHigh(numel, shape[i]) != 0 ? -1 : numel * shape[i];
            if (numel < 0) throw bad(file, "tensor '" + name + "' has an impossible shape " + shapeNode);
        }
        if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) throw bad(file, "tensor '" + name + "' has non-integer offsets");
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataSize) {
            throw bad(file, "tensor '" + name + "' offsets [" + begin + ", " + end + "] lie outside the " + dataSize + "-byte data");
        }
        if (numel != (end - begin) / dtype.bytes || (end - begin) % dtype.bytes != 0) {
            throw bad(file, "tensor '" + name + "' is " + dtype + " " + Arrays.toString(shape) + " but spans " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static IOException bad(Path file, String why) {
        return new IOException("not a valid safetensors file " + file + ": " + why);
    }

    public Path file() {
        return file;
    }

    /** The tensors' header entries, in the header's order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The header's free-form string metadata. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor, converted to float32 (from F32, F16, BF16 or F64). */
    public float[] floats(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) throw new IOException(file + " has no tensor '" + name + "'");
        if (e.numel() > Integer.MAX_VALUE - 8) throw new IOException(file + ": tensor '" + name + "' is too large for one array");
        int n = (int) e.numel();
        float[] out = new float[n];
        MemorySegment s = data.asSlice(e.begin(), e.end() - e.begin());
        switch (e.dtype()) {
            case F32 -> MemorySegment.copy(s, F32_LE, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(s.getAtIndex(I16_LE, i));
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((s.getAtIndex(I16_LE, i) & 0xffff) << 16);
            }
            case F64 -> {
                for (int i = 0; i < n; i++) out[i] = (float) s.getAtIndex(F64_LE, i);
            }
            default -> throw new IOException(file + ": tensor '" + name + "' is " + e.dtype() + ", not a floating-point type");
        }
        return out;
    }

    /** Unmaps the file. */
    @Override
    public void close() {
        arena.close();
    }

    /** Writes F32 tensors (in the given order) and string metadata to file, atomically. */
    public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (NamedTensor t : tensors) {
            if (header.has(t.name())) throw new IllegalArgumentException("tensor name '" + t.name() + "' appears twice");
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", "F32");
            var shape = e.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long end = offset + 4L * t.data().length;
            e.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        // Pad with spaces so the data starts 8-byte aligned, as other writers do.
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) head.put((byte) ' ');
        head.flip();
        Path temp = AtomicFile.temporary(file);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, head);
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                for (NamedTensor t : tensors) {
                    float[] d = t.data();
                    for (int i = 0; i < d.length; ) {
                        int n = Math.min(d.length - i, buf.capacity() / 4);
                        buf.clear();
                        buf.asFloatBuffer().put(d, i, n);
                        buf.limit(4 * n);
                        writeFully(ch, buf);
                        i += n;
                    }
                }
                ch.force(true); // a checkpoint must be on disk before it replaces the previous one
            }
            AtomicFile.commit(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }
}
