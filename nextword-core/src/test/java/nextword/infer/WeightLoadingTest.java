package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import nextword.io.GptDirectory;
import nextword.io.NamedTensor;
import nextword.io.SafeTensors;
import nextword.io.SafeTensors.DType;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints as Hugging Face and others write them, and files that lie: each loads right or fails with a clear message. */
class WeightLoadingTest {

    @TempDir
    Path tmp;

    private static final GptConfig CONFIG = TinyModels.CONFIG;
    private static final GptWeights WEIGHTS = TinyModels.weights(CONFIG, 21);

    /** Writes a model directory: config, tokenizer, and the tensors in a dtype, with the given extras. */
    private Path checkpoint(String name, GptWeights w, DType dtype, String prefix, boolean buffers, boolean lmHead) throws IOException {
        Path dir = modelDir(name);
        SafeTensors.writeRaw(dir.resolve("model.safetensors"), tensors(w, dtype, prefix, buffers, lmHead), Map.of("format", "pt"));
        return dir;
    }

    /** A directory with config.json and the tokenizer, without weights. */
    private Path modelDir(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(GptDirectory.CONFIG), configJson());
        Tokenizers.save(TinyModels.tokenizer(), dir);
        return dir;
    }

    private static String configJson() {
        return """
                {"model_type": "gpt2", "vocab_size": %d, "n_positions": %d, "n_layer": %d, "n_head": %d, "n_embd": %d}
                """.formatted(CONFIG.vocabSize(), CONFIG.contextLength(), CONFIG.layers(), CONFIG.heads(), CONFIG.width());
    }

    private static List<SafeTensors.Raw> tensors(GptWeights w, DType dtype, String prefix, boolean buffers, boolean lmHead) {
        List<SafeTensors.Raw> out = new ArrayList<>();
        for (NamedTensor t : w.tensors()) {
            out.add(raw(prefix + t.name(), dtype, t.shape(), t.data()));
            if (buffers && t.name().endsWith("attn.c_attn.weight")) {
                String block = prefix + t.name().substring(0, t.name().indexOf("attn.")) + "attn.";
                int n = CONFIG.contextLength();
                float[] mask = new float[n * n];
                for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) mask[i * n + j] = 1;
                out.add(raw(block + "bias", DType.F32, new int[] {1, 1, n, n}, mask));
                out.add(raw(block + "masked_bias", DType.F32, new int[] {}, new float[] {-1e4f}));
            }
        }
        if (lmHead) out.add(raw("lm_head.weight", dtype, new int[] {CONFIG.vocabSize(), CONFIG.width()}, w.wte));
        return out;
    }

    static SafeTensors.Raw raw(String name, DType dtype, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case F32 -> b.putFloat(v);
                case F16 -> b.putShort(Float.floatToFloat16(v));
                case BF16 -> b.putShort((short) (bf16Bits(v) >>> 16));
                default -> throw new IllegalArgumentException(dtype.name());
            }
        }
        return new SafeTensors.Raw(name, dtype, shape, MemorySegment.ofArray(b.array()));
    }

    /** bfloat16 rounded to nearest even, in the high half of an int. */
    private static int bf16Bits(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000;
    }

    /** The weights as a dtype stores them, back in float32. */
    private static GptWeights rounded(DType dtype) {
        GptWeights r = GptWeights.zeros(CONFIG);
        r.copyFrom(WEIGHTS);
        for (NamedTensor t : r.tensors()) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = dtype == DType.F16 ? Float.float16ToFloat(Float.floatToFloat16(d[i])) : Float.intBitsToFloat(bf16Bits(d[i]));
            }
        }
        return r;
    }

    private static float[] logits(LanguageModel m) {
        return m.newSession().prefill(TinyModels.tokens(20, 3)).clone();
    }

    private static float[] reference(GptWeights w) throws IOException {
        try (LanguageModel m = LanguageModel.of(w, TinyModels.tokenizer(), Precision.FLOAT32)) {
            return logits(m);
        }
    }

    @Test
    void float32WithOrWithoutPrefixBuffersAndTiedHead() throws IOException {
        float[] want = reference(WEIGHTS);
        for (String prefix : new String[] {"", "transformer."}) {
            Path dir = checkpoint("f32" + prefix, WEIGHTS, DType.F32, prefix, !prefix.isEmpty(), !prefix.isEmpty());
            try (LanguageModel m = LanguageModel.load(dir)) {
                assertEquals(Precision.FLOAT32, m.precision());
                assertArrayEquals(want, logits(m), "prefix '" + prefix + "'");
            }
        }
    }

    @Test
    void halfPrecisionLoadsExactlyAndCloseToFloat32() throws IOException {
        float[] full = reference(WEIGHTS);
        for (DType dtype : new DType[] {DType.F16, DType.BF16}) {
            Path dir = checkpoint(dtype.name(), WEIGHTS, dtype, "transformer.", true, false);
            try (LanguageModel m = LanguageModel.load(dir)) {
                float[] got = logits(m);
                // widening is exact: the same logits as float32 weights holding the rounded values
                assertArrayEquals(reference(rounded(dtype)), got, dtype.name());
                double tol = dtype == DType.F16 ? 1.5e-2 : 1e-1; // 11 and 8 significant bits per weight, amplified through two rough blocks
                for (int i = 0; i < got.length; i++) assertEquals(full[i], got[i], tol * Math.max(1, Math.abs(full[i])), dtype + " logit " + i);
            }
        }
    }

    @Test
    void shardedCheckpointsEqualOneFile() throws IOException {
        Path dir = modelDir("sharded");
        List<SafeTensors.Raw> all = tensors(WEIGHTS, DType.F32, "transformer.", true, false);
        Map<String, String> map = new LinkedHashMap<>();
        for (int s = 0; s < 2; s++) {
            List<SafeTensors.Raw> part = new ArrayList<>();
            String file = "model-0000" + (s + 1) + "-of-00002.safetensors";
            for (int i = s; i < all.size(); i += 2) {
                part.add(all.get(i));
                map.put(all.get(i).name(), file);
            }
            SafeTensors.writeRaw(dir.resolve(file), part, Map.of("format", "pt"));
        }
        writeIndex(dir, map);
        try (LanguageModel m = LanguageModel.load(dir)) {
            assertArrayEquals(reference(WEIGHTS), logits(m));
        }
        assertArrayEquals(WEIGHTS.h[1].fcWeight, GptDirectory.load(dir).h[1].fcWeight, "training's loader reads shards too");

        map.put("transformer.wte.weight", "model-00003-of-00002.safetensors");
        writeIndex(dir, map);
        assertFails(dir, "missing");
        map.put("transformer.wte.weight", "../sharded/model-00001-of-00002.safetensors");
        writeIndex(dir, map);
        assertFails(dir, "bad shard");
        map.put("transformer.wte.weight", "model-00002-of-00002.safetensors"); // the tensor is in shard 1
        writeIndex(dir, map);
        assertFails(dir, "does not hold");
    }

    private static void writeIndex(Path dir, Map<String, String> map) throws IOException {
        StringBuilder sb = new StringBuilder("{\"metadata\": {}, \"weight_map\": {");
        map.forEach((k, v) -> sb.append('"').append(k).append("\": \"").append(v).append("\","));
        sb.setLength(sb.length() - 1);
        Files.writeString(dir.resolve("model.safetensors.index.json"), sb.append("}}").toString());
    }

    private static void assertFails(Path dir, String message) {
        Exception e = assertThrows(IOException.class, () -> LanguageModel.load(dir).close());
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
        assertTrue(e.getMessage().length() < 400, "one clear line, not a dump: " + e.getMessage());
    }

    @Test
    void refusesPickles() throws IOException {
        Path dir = modelDir("pickle");
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n'});
        assertFails(dir, "pickle");
        assertFails(dir, "safetensors");
    }

    @Test
    void refusesLyingFiles() throws IOException {
        Path dir = checkpoint("lies", WEIGHTS, DType.F32, "", false, false);
        Path file = dir.resolve("model.safetensors");
        byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100)); // truncated
        assertFails(dir, "outside");
        byte[] big = good.clone();
        ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40); // header longer than the file
        Files.write(file, big);
        assertFails(dir, "header length");
        Files.write(file, new byte[] {1, 2, 3});
        assertFails(dir, "bytes");

        hostile(file, "{\"wte.weight\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 16]},"
                + " \"wpe.weight\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [8, 24]}}", 24);
        assertFails(dir, "overlap");
        hostile(file, "{\"wte.weight\": {\"dtype\": \"F32\", \"shape\": [2147483647, 2147483647], \"data_offsets\": [0, 16]}}", 16);
        assertFails(dir, "spans"); // a shape the bytes cannot hold, refused before anything is allocated

        GptWeights nan = GptWeights.zeros(CONFIG);
        nan.copyFrom(WEIGHTS);
        nan.h[1].fcBias[3] = Float.NaN;
        assertFails(checkpoint("nan", nan, DType.F32, "", false, false), "NaN");

        GptWeights untied = GptWeights.zeros(CONFIG);
        untied.copyFrom(WEIGHTS);
        Path head = checkpoint("untied", untied, DType.F32, "", false, false);
        List<SafeTensors.Raw> t = tensors(WEIGHTS, DType.F32, "", false, false);
        float[] other = WEIGHTS.wte.clone();
        other[0] += 1;
        t.add(raw("lm_head.weight", DType.F32, new int[] {CONFIG.vocabSize(), CONFIG.width()}, other));
        SafeTensors.writeRaw(head.resolve("model.safetensors"), t, Map.of());
        assertFails(head, "lm_head");

        // a tensor of the wrong dtype or shape
        Path wrong = checkpoint("wrong", WEIGHTS, DType.F32, "", false, false);
        List<SafeTensors.Raw> w = tensors(WEIGHTS, DType.F32, "", false, false);
        w.set(3, new SafeTensors.Raw(w.get(3).name(), DType.I32, w.get(3).shape(), w.get(3).bytes()));
        SafeTensors.writeRaw(wrong.resolve("model.safetensors"), w, Map.of());
        assertFails(wrong, "floating-point");
        w = tensors(WEIGHTS, DType.F32, "", false, false);
        w.set(1, raw("wpe.weight", DType.F32, new int[] {CONFIG.contextLength() - 1, CONFIG.width()}, new float[(CONFIG.contextLength() - 1) * CONFIG.width()]));
        SafeTensors.writeRaw(wrong.resolve("model.safetensors"), w, Map.of());
        assertFails(wrong, "shape");
    }

    /** A file with this header and n zero bytes of data. */
    private static void hostile(Path file, String header, int n) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + n).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(file, b.array());
    }

    @Test
    void eightBitCheckpointsRoundTripAndAreChecked() throws IOException {
        Path dir = checkpoint("float", WEIGHTS, DType.F32, "transformer.", false, false);
        Path out = tmp.resolve("q8");
        Quantizer.quantize(dir, out);
        assertTrue(Files.isRegularFile(out.resolve("config.json")) && Files.isRegularFile(out.resolve(Tokenizers.NEXTWORD_FILE)));
        assertTrue(Files.size(out.resolve("model.safetensors")) < Files.size(dir.resolve("model.safetensors")) / 3);
        float[] inMemory;
        try (LanguageModel m = LanguageModel.load(dir, Precision.Q8_0)) {
            inMemory = logits(m);
        }
        try (LanguageModel m = LanguageModel.load(out)) {
            assertEquals(Precision.Q8_0, m.precision());
            assertArrayEquals(inMemory, logits(m), "the mapped file computes what quantizing in memory computes");
        }
        assertThrows(IOException.class, () -> LanguageModel.load(out, Precision.FLOAT32));

        try (SafeTensors st = SafeTensors.open(out.resolve("model.safetensors"))) {
            assertEquals("q8_0", st.metadata().get("quantization"));
            assertEquals(DType.I8, st.entries().get("h.0.mlp.c_fc.weight").dtype());
            // 4C outputs in panels of 32, C inputs as C/2 lines of 64 bytes
            assertArrayEquals(new int[] {4 * CONFIG.width() / 32, CONFIG.width() / 2, 64}, st.entries().get("h.0.mlp.c_fc.weight").shape());
            assertArrayEquals(new int[] {4 * CONFIG.width() / 32, CONFIG.width() / 32, 32}, st.entries().get("h.0.mlp.c_fc.weight_scale").shape());
        }
        corruptScale(out, Float.NaN);
        assertFails(out, "NaN");
        corruptScale(out, -1f);
        assertFails(out, "negative");
    }

    /** Rewrites the 8-bit file with one scale replaced. */
    private static void corruptScale(Path dir, float value) throws IOException {
        Path file = dir.resolve("model.safetensors");
        List<SafeTensors.Raw> raw = new ArrayList<>();
        Map<String, String> meta;
        try (SafeTensors st = SafeTensors.open(file)) {
            meta = st.metadata();
            for (SafeTensors.Entry e : st.entries().values()) {
                byte[] bytes = st.bytes(e.name()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                if (e.name().equals("h.1.attn.c_proj.weight_scale")) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(4, value);
                raw.add(new SafeTensors.Raw(e.name(), e.dtype(), e.shape(), MemorySegment.ofArray(bytes)));
            }
        }
        SafeTensors.writeRaw(file, raw, meta);
    }

    @Test
    void eightBitFilesWithTheWrongLayoutAreRefused() throws IOException {
        Path dir = checkpoint("float2", WEIGHTS, DType.F32, "", false, false);
        Path out = tmp.resolve("q8b");
        Quantizer.quantize(dir, out);
        Path file = out.resolve("model.safetensors");
        IntFunction<Void> rewrite = which -> {
            try {
                List<SafeTensors.Raw> raw = new ArrayList<>();
                Map<String, String> meta = new LinkedHashMap<>();
                try (SafeTensors st = SafeTensors.open(file)) {
                    meta.putAll(st.metadata());
                    if (which == 1) meta.put("quantization", "q4_k");
                    if (which >= 2) meta.put("quantization", "q8_0");
                    if (which == 2) meta.remove("q8_0.version"); // as the first, row-per-output layout was written
                    if (which == 3) meta.put("q8_0.version", "3");
                    for (SafeTensors.Entry e : st.entries().values()) {
                        byte[] bytes = st.bytes(e.name()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                        int[] shape = e.shape();
                        // the same bytes under another shape (a writer that laid the panels out differently)
                        if (which == 0 && e.name().equals("h.0.mlp.c_fc.weight")) shape = new int[] {shape[1], shape[0], shape[2]};
                        raw.add(new SafeTensors.Raw(e.name(), e.dtype(), shape, MemorySegment.ofArray(bytes)));
                    }
                }
                SafeTensors.writeRaw(file, raw, meta);
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        rewrite.apply(0);
        assertFails(out, "h.0.mlp.c_fc.weight");
        rewrite.apply(1);
        assertFails(out, "q4_k");
        rewrite.apply(2);
        assertFails(out, "layout 1");
        rewrite.apply(3);
        assertFails(out, "layout '3'");
    }
}
