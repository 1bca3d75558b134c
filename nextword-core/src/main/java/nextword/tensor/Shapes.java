package nextword.tensor;

import java.util.Arrays;

/** Shape bookkeeping: sizes, checks and the one-line messages that explain a mismatch. */
final class Shapes {

    private Shapes() {}

    /** The number of elements, refusing negative dimensions and overflow. */
    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
        }
        return (int) n;
    }

    /** The product of dims [from, to). */
    static int product(int[] shape, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) n *= shape[i];
        return n;
    }

    /** A copy of shape with its last dimension replaced. */
    static int[] withLast(int[] shape, int last) {
        int[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }

    static int last(int[] shape) {
        return shape[shape.length - 1];
    }

    static void requireRank(Tensor t, int atLeast, String op) {
        if (t.rank() < atLeast) {
            throw new IllegalArgumentException(op + " needs a tensor of rank >= " + atLeast + ", got shape " + str(t.shape));
        }
    }

    static void requireShape(Tensor t, int[] expected, String what) {
        if (!Arrays.equals(t.shape, expected)) {
            throw new IllegalArgumentException(what + " must have shape " + str(expected) + ", got " + str(t.shape));
        }
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
