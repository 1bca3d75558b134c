package nextword.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    /** A file with this exact header text and data bytes: lets tests lie about anything. */
    static Path raw(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).put(data);
        Files.write(file, buf.array());
        return file;
    }

    static byte[] f32(float... xs) {
        ByteBuffer b = ByteBuffer.allocate(4 * xs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : xs) b.putFloat(x);
        return b.array();
    }

    @Test
    void writesAndReadsBackFloat32WithMetadata() throws IOException {
        Path f = dir.resolve("t.safetensors");
        float[] a = {1f, -2.5f, 3e-8f, Float.MAX_VALUE, 0f, 7f};
        SafeTensors.write(f, List.of(new NamedTensor("a", new int[] {2, 3}, a), new NamedTensor("s", new int[] {}, new float[] {4f})),
                Map.of("step", "12"));
        try (SafeTensors st = SafeTensors.open(f)) {
            assertArrayEquals(a, st.floats("a"));
            assertArrayEquals(new int[] {2, 3}, st.entries().get("a").shape());
            assertArrayEquals(new float[] {4f}, st.floats("s"));
            assertEquals("12", st.metadata().get("step"));
            assertEquals(List.of("a", "s"), List.copyOf(st.entries().keySet()));
        }
        // the data starts 8-byte aligned, as other readers expect
        long n = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void readsHalfPrecisionAndBfloat16AsFloat32() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f));
        b.putShort((short) (Float.floatToIntBits(3.0f) >>> 16)).putShort((short) (Float.floatToIntBits(-1e10f) >>> 16));
        b.putShort(Float.floatToFloat16(65504f)).putShort((short) 0);
        Path f = raw(dir.resolve("h.safetensors"), """
                {"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[4,8]},
                 "m":{"dtype":"F16","shape":[2],"data_offsets":[8,12]}}""", b.array());
        try (SafeTensors st = SafeTensors.open(f)) {
            assertArrayEquals(new float[] {1.5f, -0.25f}, st.floats("h"));
            assertArrayEquals(new float[] {3.0f, Float.intBitsToFloat(Float.floatToIntBits(-1e10f) & 0xffff0000)}, st.floats("b"));
            assertArrayEquals(new float[] {65504f, 0f}, st.floats("m"));
        }
    }

    @Test
    void refusesLyingOrHostileFiles() throws IOException {
        byte[] four = f32(1, 2, 3, 4);
        String ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        assertRefused(raw(dir.resolve("ok.st"), ok, new byte[8]), "outside");                      // truncated data
        assertRefused(raw(dir.resolve("dt.st"), ok.replace("F32", "Q8"), four), "unknown dtype");
        assertRefused(raw(dir.resolve("sh.st"), ok.replace("[4]", "[5]"), four), "spans");
        assertRefused(raw(dir.resolve("neg.st"), ok.replace("[4]", "[-4]"), four), "dimension");
        assertRefused(raw(dir.resolve("big.st"), ok.replace("[4]", "[4294967296,4294967296]"), four), "dimension");
        assertRefused(raw(dir.resolve("off.st"), ok.replace("[0,16]", "[8,4]"), four), "outside");
        assertRefused(raw(dir.resolve("json.st"), "{\"a\":", four), "not JSON");
        assertRefused(raw(dir.resolve("arr.st"), "[1,2]", four), "not a JSON object");
        assertRefused(raw(dir.resolve("dup.st"), "{\"a\":{},\"a\":{}}", four), "not JSON");
        assertRefused(raw(dir.resolve("lap.st"), """
                {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", four), "overlap");
        Files.write(dir.resolve("short.st"), new byte[5]);
        assertRefused(dir.resolve("short.st"), "only 5 bytes");
        // a header length larger than the file, and one that is merely absurd
        ByteBuffer liar = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Files.write(dir.resolve("liar.st"), liar.array());
        assertRefused(dir.resolve("liar.st"), "header length");
        ByteBuffer minus = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(-8);
        Files.write(dir.resolve("minus.st"), minus.array());
        assertRefused(dir.resolve("minus.st"), "header length");
    }

    private static void assertRefused(Path file, String why) {
        IOException e = assertThrows(IOException.class, () -> {
            try (SafeTensors st = SafeTensors.open(file)) {
                for (String name : st.entries().keySet()) st.floats(name);
            }
        });
        assertTrue(e.getMessage().contains(why), "expected '" + why + "' in: " + e.getMessage());
    }
}
