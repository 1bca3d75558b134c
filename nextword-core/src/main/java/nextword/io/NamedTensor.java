package nextword.io;

import java.util.Arrays;

/** A float32 tensor with a name and a shape, stored row-major in one array: what a weights file holds. */
public record NamedTensor(String name, int[] shape, float[] data) {

    public NamedTensor {
        long n = numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n + " numbers, array has " + data.length);
        }
    }

    /** The product of the dimensions (1 for a scalar). */
    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        return n;
    }
}
