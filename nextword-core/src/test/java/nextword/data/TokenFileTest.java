package nextword.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    private Path write(int vocab, int[] ids, double val) throws IOException {
        Path p = dir.resolve("tokens-" + vocab + ".bin");
        try (TokenFile.Writer w = TokenFile.create(p, vocab, 0x1234_5678_9abcL)) {
            w.write(ids, 0, ids.length);
            assertFalse(Files.exists(p), "nothing at the target before commit");
            w.commit(val);
        }
        return p;
    }

    private static int[] ramp(int n, int vocab) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = (i * 7919) % vocab;
        return ids;
    }

    @Test
    void roundTripWith16And32BitIds() throws IOException {
        for (int vocab : new int[] {50257, 65536, 65537, 200_000}) {
            int[] ids = ramp(1000, vocab);
            Path p = write(vocab, ids, 0.1);
            assertEquals(64 + 1000L * (vocab <= 65536 ? 2 : 4), Files.size(p));
            try (TokenFile f = TokenFile.open(p)) {
                assertEquals(vocab, f.vocabSize());
                assertEquals(0x1234_5678_9abcL, f.fingerprint());
                assertEquals(900, f.train().size());
                assertEquals(100, f.validation().size());
                int[] back = new int[1000];
                f.train().read(0, back, 0, 900);
                f.validation().read(0, back, 900, 100);
                assertArrayEquals(ids, back);
            }
        }
    }

    @Test
    void randomWindowsHaveTargetsShiftedByOne() throws IOException {
        int[] ids = ramp(5000, 1000);
        try (TokenFile f = TokenFile.open(write(1000, ids, 0.2))) {
            int B = 4, T = 16;
            int[] x = new int[B * T], y = new int[B * T];
            f.train().randomBatch(B, T, new SplittableRandom(1), x, y);
            for (int b = 0; b < B; b++) {
                int start = indexOf(ids, x[b * T], x[b * T + 1]);
                for (int t = 0; t < T; t++) {
                    assertEquals(ids[start + t], x[b * T + t]);
                    assertEquals(ids[start + t + 1], y[b * T + t]);
                }
                assertTrue(start + T < 4000, "window stays in the training split");
            }
            int[] x2 = new int[B * T], y2 = new int[B * T];
            f.train().randomBatch(B, T, new SplittableRandom(1), x2, y2);
            assertArrayEquals(x, x2, "same seed, same batch");
        }
    }

    private static int indexOf(int[] ids, int a, int b) {
        for (int i = 0; i + 1 < ids.length; i++) if (ids[i] == a && ids[i + 1] == b) return i;
        throw new AssertionError("window not found");
    }

    @Test
    void sequentialValidationBatchesCoverTheSplitInOrder() throws IOException {
        int[] ids = ramp(1000, 500);
        try (TokenFile f = TokenFile.open(write(500, ids, 0.3))) {
            var val = f.validation();
            assertEquals(300, val.size());
            int B = 2, T = 10;
            assertEquals((300 - 1) / T / B, val.batches(B, T));
            int[] x = new int[B * T], y = new int[B * T];
            for (long k = 0; k < val.batches(B, T); k++) {
                val.batch(k, B, T, x, y);
                for (int i = 0; i < B * T; i++) {
                    assertEquals(ids[700 + (int) k * B * T + i], x[i]);
                    assertEquals(ids[700 + (int) k * B * T + i + 1], y[i]);
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> val.batch(val.batches(B, T), B, T, x, y));
            assertThrows(IllegalArgumentException.class, () -> val.randomBatch(1, 300, new SplittableRandom(1), new int[300], new int[300]));
        }
    }

    @Test
    void hostileFilesAreRefusedBeforeUse() throws IOException {
        Path good = write(1000, ramp(100, 1000), 0.1);
        Path p = dir.resolve("bad.bin");
        Files.copy(good, p);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(32);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0});
        }
        assertTrue(assertThrows(IOException.class, () -> TokenFile.open(p)).getMessage().contains("promises"));
        Files.copy(good, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write('X');
        }
        assertTrue(assertThrows(IOException.class, () -> TokenFile.open(p)).getMessage().contains("magic"));
        Files.copy(good, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(64);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff});
        }
        try (TokenFile f = TokenFile.open(p)) {
            assertTrue(assertThrows(IllegalStateException.class, () -> f.train().token(0)).getMessage().contains("65535"));
        }
        Files.write(p, new byte[10]);
        assertThrows(IOException.class, () -> TokenFile.open(p));
    }

    @Test
    void writerRefusesIdsOutsideTheVocabularyAndLeavesNothingBehind() throws IOException {
        Path p = dir.resolve("x.bin");
        try (TokenFile.Writer w = TokenFile.create(p, 10, 0)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new int[] {3, 10}, 0, 2));
        }
        assertFalse(Files.exists(p));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "temporary file removed");
        }
    }
}
