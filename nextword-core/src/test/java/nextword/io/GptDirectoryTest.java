package nextword.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptDirectoryTest {

    private static final GptConfig CONFIG = new GptConfig(17, 8, 2, 2, 8);

    @TempDir
    Path dir;

    @Test
    void savesAndLoadsTheSameModel() throws IOException {
        GptWeights w = GptWeights.init(CONFIG, new SplittableRandom(3));
        GptDirectory.save(dir, w, Map.of("nextword.step", "5"));
        assertTrue(Files.readString(dir.resolve("config.json")).contains("\"n_layer\" : 2"));
        GptWeights back = GptDirectory.load(dir);
        assertEquals(CONFIG, back.config);
        for (int k = 0; k < w.tensors().size(); k++) assertArrayEquals(w.tensors().get(k).data(), back.tensors().get(k).data());
        try (SafeTensors st = SafeTensors.open(dir.resolve("model.safetensors"))) {
            assertTrue(st.entries().containsKey("transformer.h.1.mlp.c_proj.weight"), "Hugging Face's names");
            assertEquals("pt", st.metadata().get("format"));
        }
    }

    /** What real checkpoints look like: no prefix, half precision, mask buffers, an explicit tied lm_head. */
    @Test
    void loadsHalfPrecisionWithoutPrefixAndWithMaskBuffers() throws IOException {
        GptWeights w = GptWeights.init(CONFIG, new SplittableRandom(4));
        GptDirectory.save(dir, w, Map.of());
        List<String> header = new ArrayList<>();
        ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (NamedTensor t : w.tensors()) addF16(header, data, t.name(), t.shape(), t.data());
        addF16(header, data, "lm_head.weight", new int[] {17, 8}, w.wte);
        addF16(header, data, "h.0.attn.bias", new int[] {1, 1, 8, 8}, new float[64]);
        byte[] bytes = java.util.Arrays.copyOf(data.array(), data.position());
        SafeTensorsTest.raw(dir.resolve("model.safetensors"), "{" + String.join(",", header) + "}", bytes);

        GptWeights back = GptDirectory.load(dir);
        for (int k = 0; k < w.tensors().size(); k++) {
            float[] a = w.tensors().get(k).data();
            float[] b = back.tensors().get(k).data();
            for (int i = 0; i < a.length; i++) assertEquals(Float.float16ToFloat(Float.floatToFloat16(a[i])), b[i]);
        }
    }

    private static void addF16(List<String> header, ByteBuffer data, String name, int[] shape, float[] values) {
        int begin = data.position();
        for (float v : values) data.putShort(Float.floatToFloat16(v));
        header.add("\"" + name + "\":{\"dtype\":\"F16\",\"shape\":" + java.util.Arrays.toString(shape) + ",\"data_offsets\":[" + begin + "," + data.position() + "]}");
    }

    @Test
    void refusesNanWeightsMissingTensorsAndWrongShapes() throws IOException {
        GptWeights w = GptWeights.init(CONFIG, new SplittableRandom(5));
        w.h[1].fcBias[2] = Float.NaN;
        GptDirectory.save(dir, w, Map.of());
        assertTrue(assertThrows(IOException.class, () -> GptDirectory.load(dir)).getMessage().contains("NaN"));

        List<NamedTensor> fewer = new ArrayList<>(GptWeights.init(CONFIG, new SplittableRandom(5)).tensors());
        fewer.removeLast();
        SafeTensors.write(dir.resolve("model.safetensors"), fewer, Map.of());
        assertTrue(assertThrows(IOException.class, () -> GptDirectory.load(dir)).getMessage().contains("lacks 1 tensor"));

        GptDirectory.save(dir, GptWeights.init(CONFIG.withVocabSize(18), new SplittableRandom(5)), Map.of());
        Files.writeString(dir.resolve("config.json"), GptDirectory.configJson(CONFIG));
        assertTrue(assertThrows(IOException.class, () -> GptDirectory.load(dir)).getMessage().contains("shape"));

        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\"}");
        assertTrue(assertThrows(IOException.class, () -> GptDirectory.load(dir)).getMessage().contains("llama"));
        Files.writeString(dir.resolve("config.json"), "{\"n_layer\":2}");
        assertTrue(assertThrows(IOException.class, () -> GptDirectory.load(dir)).getMessage().contains("vocab_size"));
    }
}
