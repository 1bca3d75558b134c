package nextword.kernels;

import java.util.Arrays;

/** A per-thread float buffer that grows and is kept, so that a kernel needing room allocates nothing per call. */
final class Scratch {

    private final ThreadLocal<float[]> buffer = ThreadLocal.withInitial(() -> new float[0]);

    /** This thread's buffer, at least size floats long, with its first size floats zero. */
    float[] zeroed(int size) {
        float[] b = buffer.get();
        if (b.length < size) {
            b = new float[size];
            buffer.set(b);
        } else {
            Arrays.fill(b, 0, size, 0f);
        }
        return b;
    }
}
