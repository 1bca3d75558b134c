package nextword.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import nextword.tensor.Tensor;
import nextword.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRealTestSet() throws Exception {
        DigitImages test = Mnist.load(SharedData.require("data/mnist"), Mnist.Split.TEST);
        assertEquals(10_000, test.count());
        assertEquals(28, test.rows());
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, test.labels(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        int[] counts = new int[10];
        for (int i = 0; i < test.count(); i++) counts[test.label(i)]++;
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
        Tensor batch = test.batch(new int[] {0, 3});
        assertArrayEquals(new int[] {2, 1, 28, 28}, batch.shape());
        float max = 0;
        for (float v : batch.toArray()) max = Math.max(max, v);
        assertEquals(1f, max, "ink is scaled to 1");
    }

    @Test
    void readsPlainAndGzippedFiles() throws Exception {
        byte[] pixels = {0, (byte) 255, 10, 20, 30, 40, 50, 60};
        write(dir.resolve("t10k-images-idx3-ubyte"), false, images(2, 2, 2, pixels));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), true, labels(2, new byte[] {3, 9}));
        DigitImages d = Mnist.load(dir, Mnist.Split.TEST);
        assertEquals(2, d.count());
        assertEquals(9, d.label(1));
        assertArrayEquals(new float[] {0, 1, 10 / 255f, 20 / 255f}, d.image(0));
        assertEquals(1, d.first(1).count());
    }

    @Test
    void refusesCorruptFilesWithOneLine() throws Exception {
        byte[] four = {1, 2, 3, 4};
        assertRefused(images(1, 2, 2, four), labels(1, new byte[] {1}), "ok", null);
        assertRefused(labels(1, new byte[] {1}), labels(1, new byte[] {1}), "magic", "not an IDX image file");
        assertRefused(images(2, 2, 2, four), labels(2, new byte[] {1, 2}), "truncated", "header promises 2 images");
        assertRefused(concat(images(1, 2, 2, four), new byte[] {9}), labels(1, new byte[] {1}), "trailing", "trailing bytes");
        assertRefused(images(1, 2, 2, four), labels(1, new byte[] {10}), "label", "not a digit");
        assertRefused(images(1, 2, 2, four), labels(2, new byte[] {1, 2}), "count", "has 1 images but");
        assertRefused(images(1, 0, 2, new byte[0]), labels(1, new byte[] {1}), "zero rows", "implausible header");
        assertRefused(images(Integer.MAX_VALUE, 1000, 1000, four), labels(1, new byte[] {1}), "huge", "more than one file can hold");
        assertRefused(new byte[] {0, 0}, labels(1, new byte[] {1}), "short header", "ends inside its header");
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte.gz"), "not gzip at all");
        var e = assertThrows(IOException.class, () -> Mnist.load(dir, Mnist.Split.TEST));
        assertTrue(e.getMessage().contains("not a gzip file"), e.getMessage());
    }

    @Test
    void aMissingFolderOrFileSaysWhich() {
        assertThrows(NoSuchFileException.class, () -> Mnist.load(dir.resolve("absent"), Mnist.Split.TRAIN));
        var e = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir, Mnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    private void assertRefused(byte[] imageFile, byte[] labelFile, String what, String message) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        write(dir.resolve("t10k-images-idx3-ubyte"), false, imageFile);
        write(dir.resolve("t10k-labels-idx1-ubyte"), false, labelFile);
        if (message == null) {
            assertEquals(1, Mnist.load(dir, Mnist.Split.TEST).count(), what);
            return;
        }
        var e = assertThrows(IOException.class, () -> Mnist.load(dir, Mnist.Split.TEST), what);
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    private static byte[] images(int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x803);
        d.writeInt(count);
        d.writeInt(rows);
        d.writeInt(cols);
        d.write(pixels);
        return b.toByteArray();
    }

    private static byte[] labels(int count, byte[] values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x801);
        d.writeInt(count);
        d.write(values);
        return b.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void write(Path p, boolean gzip, byte[] bytes) throws IOException {
        try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            os.write(bytes);
        }
    }
}
