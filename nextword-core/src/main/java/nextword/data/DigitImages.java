package nextword.data;

import java.util.Arrays;
import nextword.tensor.Tensor;

/**
 * Labelled grey images, such as MNIST's: count images of rows×cols bytes (0 background … 255 ink), kept as
 * bytes (a quarter of the memory of floats) and turned into float tensors a batch at a time.
 */
public final class DigitImages {

    private final byte[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;

    /** pixels holds labels.length images of rows×cols, row-major. */
    public DigitImages(byte[] pixels, int[] labels, int rows, int cols) {
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + labels.length + " images of " + rows + "×" + cols);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
    }

    public int count() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int label(int i) {
        return labels[i];
    }

    /** The labels of the given images, in order. */
    public int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) out[i] = labels[indices[i]];
        return out;
    }

    /** Image i as rows·cols floats in [0, 1]. */
    public float[] image(int i) {
        int size = rows * cols;
        float[] out = new float[size];
        for (int p = 0; p < size; p++) out[p] = (pixels[i * size + p] & 0xff) / 255f;
        return out;
    }

    /** The given images as a (B, 1, rows, cols) tensor in [0, 1]; reshape it to (B, rows·cols) for an MLP. */
    public Tensor batch(int[] indices) {
        int size = rows * cols;
        float[] out = new float[indices.length * size];
        for (int b = 0; b < indices.length; b++) {
            int from = indices[b] * size;
            for (int p = 0; p < size; p++) out[b * size + p] = (pixels[from + p] & 0xff) / 255f;
        }
        return Tensor.wrap(out, indices.length, 1, rows, cols);
    }

    /** The first n images (all when n ≥ count): quick runs train on a slice. */
    public DigitImages first(int n) {
        int k = Math.min(n, count());
        return new DigitImages(Arrays.copyOf(pixels, k * rows * cols), Arrays.copyOf(labels, k), rows, cols);
    }
}
