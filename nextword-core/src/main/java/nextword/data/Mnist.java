package nextword.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-style IDX files (LeCun's format, also used by Fashion-MNIST): big-endian magic 0x803 for
 * images (count, rows, cols, then count·rows·cols unsigned bytes) and 0x801 for labels (count, then
 * count bytes), plain or gzipped. Everything a header claims is checked against what the file holds before
 * it is trusted: a wrong magic, a size that lies, trailing bytes, a label outside 0..9 are refused with a
 * one-line reason, and memory grows only as real bytes arrive.
 */
public final class Mnist {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final int MAX_SIDE = 1024;

    /** Which half of the data set. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private Mnist() {}

    /**
     * The images and labels of one split from dir, which holds {@code train-images-idx3-ubyte} and the
     * other three files (each optionally ending in .gz).
     */
    public static DigitImages load(Path dir, Split split) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir + " (no MNIST folder there; pass --data DIR)");
        Path images = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labels = find(dir, split.prefix + "-labels-idx1-ubyte");
        Raw raw = readImages(images);
        int[] ys = readLabels(labels);
        if (ys.length != raw.count) {
            throw new IOException(images.getFileName() + " has " + raw.count + " images but " + labels.getFileName() + " has " + ys.length + " labels");
        }
        return new DigitImages(raw.pixels, ys, raw.rows, raw.cols);
    }

    private static Path find(Path dir, String name) throws NoSuchFileException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new NoSuchFileException(dir.resolve(name) + "[.gz]");
    }

    private record Raw(byte[] pixels, int count, int rows, int cols) {}

    private static Raw readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(in, IMAGES_MAGIC, file);
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new IOException(file.getFileName() + ": implausible header (count " + count + ", " + rows + "×" + cols + ")");
            }
            long promised = (long) count * rows * cols;
            if (promised > Integer.MAX_VALUE - 16) throw new IOException(file.getFileName() + ": " + promised + " pixels is more than one file can hold here");
            byte[] pixels = readExactly(in, (int) promised, file, count + " images of " + rows + "×" + cols);
            return new Raw(pixels, count, rows, cols);
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + ": ends inside its header", e);
        }
    }

    private static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(in, LABELS_MAGIC, file);
            int count = in.readInt();
            if (count < 0) throw new IOException(file.getFileName() + ": negative label count " + count);
            byte[] bytes = readExactly(in, count, file, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
                if (labels[i] > 9) throw new IOException(file.getFileName() + ": label " + labels[i] + " at index " + i + " is not a digit 0..9");
            }
            return labels;
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + ": ends inside its header", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new DataInputStream(file.toString().endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw);
        } catch (IOException e) {
            raw.close();
            throw new IOException(file.getFileName() + ": not a gzip file (" + e.getMessage() + ")", e);
        }
    }

    private static void checkMagic(DataInputStream in, int expected, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new IOException(String.format("%s: magic 0x%08x, expected 0x%08x (not an IDX %s file)", file.getFileName(), magic, expected,
                    expected == IMAGES_MAGIC ? "image" : "label"));
        }
    }

    /** Exactly n bytes and then the end of the stream; readNBytes grows its buffer only as data arrives. */
    private static byte[] readExactly(InputStream in, int n, Path file, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException(file.getFileName() + ": header promises " + what + " (" + n + " bytes) but the file ends after " + bytes.length);
        }
        if (in.read() != -1) throw new IOException(file.getFileName() + ": trailing bytes after " + what);
        return bytes;
    }
}
