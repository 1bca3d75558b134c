package nextword.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast image kernels: im2col, col2im and max pooling with the same results as {@link ScalarConvolution}
 * (bit for bit: they move numbers, and col2im adds onto each pixel in the spec's order), but copying whole
 * runs at a time instead of testing every pixel against the padding, and spread over the threads by
 * independent outputs.
 */
final class Convolution {

    private static final VectorSpecies<Float> F = VectorLoops.F;
    private static final int L = VectorLoops.L;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    /** Lane i picks pixel 2i (EVEN) or 2i + 1 (ODD) of two consecutive vectors. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(F, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(F, i -> 2 * i + 1);
    private static final IntVector EVEN_INDICES = IntVector.fromArray(I, IntStream.range(0, L).map(i -> 2 * i).toArray(), 0);

    /** Enough pixels per task that forking pays. */
    private static final int GRAIN_PIXELS = 16 * 1024;

    private Convolution() {}

    static void im2col(float[] x, int xo, float[] cols, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        int oh = ScalarConvolution.outputSize(height, kh, stride, pad);
        int ow = ScalarConvolution.outputSize(width, kw, stride, pad);
        int positions = oh * ow;
        // One task item per (kernel row, image): each writes its own block of cols.
        Parallel.range(channels * kh * kw * images, grain(positions), (from, to) -> {
            for (int item = from; item < to; item++) {
                int row = item / images;
                int n = item % images;
                int c = row / (kh * kw);
                int i = row / kw % kh;
                int j = row % kw;
                int plane = xo + (n * channels + c) * height * width;
                int zlo = firstInside(j, stride, pad, ow);
                int zhi = lastInside(j, stride, pad, width, ow);
                int dst0 = item * positions;
                if (stride == 1 && ow == width) {
                    sameRows(x, plane, cols, dst0, i - pad, j - pad, oh, width, height, zlo, zhi);
                    continue;
                }
                for (int y = 0; y < oh; y++) {
                    int dst = dst0 + y * ow;
                    int sy = y * stride + i - pad;
                    if (sy < 0 || sy >= height || zlo >= zhi) {
                        Arrays.fill(cols, dst, dst + ow, 0f);
                        continue;
                    }
                    int src = plane + sy * width + j - pad;
                    for (int z = 0; z < zlo; z++) cols[dst + z] = 0f;
                    if (stride == 1) for (int z = zlo; z < zhi; z++) cols[dst + z] = x[src + z];
                    else for (int z = zlo; z < zhi; z++) cols[dst + z] = x[src + z * stride];
                    for (int z = zhi; z < ow; z++) cols[dst + z] = 0f;
                }
            }
        });
    }

    /**
     * One kernel offset (di, dj) of a stride-1 "same" convolution (output as wide as the input): output
     * position y·width + z sees pixel (y + di)·width + (z + dj), a fixed shift, so the rows inside the image
     * are one contiguous copy; then the columns that slid past the left or right edge (into the neighbouring
     * row) are zeroed, and so are the rows above and below the image.
     */
    private static void sameRows(float[] x, int plane, float[] cols, int dst, int di, int dj, int oh, int width, int height,
                                 int zlo, int zhi) {
        int ylo = Math.max(0, -di);
        int yhi = Math.min(oh, height - di);
        if (ylo >= yhi) {
            Arrays.fill(cols, dst, dst + oh * width, 0f);
            return;
        }
        Arrays.fill(cols, dst, dst + ylo * width, 0f);
        // from the first valid output of row ylo to the last valid one of row yhi − 1
        int from = ylo * width + zlo;
        int to = (yhi - 1) * width + zhi;
        if (to > from) System.arraycopy(x, plane + (ylo + di) * width + dj + zlo, cols, dst + from, to - from);
        for (int y = ylo; y < yhi; y++) {
            int row = dst + y * width;
            for (int z = 0; z < zlo; z++) cols[row + z] = 0f;
            for (int z = zhi; z < width; z++) cols[row + z] = 0f;
        }
        Arrays.fill(cols, dst + yhi * width, dst + oh * width, 0f);
    }

    static void col2im(float[] cols, float[] dx, int dxo, int images, int channels, int height, int width,
                       int kh, int kw, int stride, int pad) {
        int oh = ScalarConvolution.outputSize(height, kh, stride, pad);
        int ow = ScalarConvolution.outputSize(width, kw, stride, pad);
        int positions = oh * ow;
        // One task per channel: only that channel's kernel rows write to its pixels. Within it the walk is the
        // spec's (kernel row, image, y), so cols streams in order and every pixel sums in the spec's order.
        Parallel.range(channels, grain(kh * kw * images * positions), (from, to) -> {
            for (int c = from; c < to; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = (c * kh + i) * kw + j;
                        int zlo = firstInside(j, stride, pad, ow);
                        int zhi = lastInside(j, stride, pad, width, ow);
                        // a row of a small image (14 pixels) is too short for a loop the compiler vectorises:
                        // one masked vector per row instead, the mask made once per kernel offset
                        VectorMask<Float> inside = stride == 1 && zhi > zlo && zhi - zlo <= L
                                ? VectorMask.fromLong(F, (1L << (zhi - zlo)) - 1) : null;
                        for (int n = 0; n < images; n++) {
                            int plane = dxo + (n * channels + c) * height * width;
                            for (int y = 0; y < oh; y++) {
                                int sy = y * stride + i - pad;
                                if (sy < 0 || sy >= height) continue;
                                int src = ((row * images + n) * oh + y) * ow;
                                int dst = plane + sy * width + j - pad;
                                if (inside != null) {
                                    FloatVector.fromArray(F, dx, dst + zlo, inside)
                                            .add(FloatVector.fromArray(F, cols, src + zlo, inside))
                                            .intoArray(dx, dst + zlo, inside);
                                } else if (stride == 1) for (int z = zlo; z < zhi; z++) dx[dst + z] += cols[src + z];
                                else for (int z = zlo; z < zhi; z++) dx[dst + z * stride] += cols[src + z];
                            }
                        }
                    }
                }
            }
        });
    }

    static void maxPool2d(float[] x, int xo, float[] out, int oo, int[] argmax, int planes, int height, int width,
                          int k, int stride) {
        int oh = ScalarConvolution.outputSize(height, k, stride, 0);
        int ow = ScalarConvolution.outputSize(width, k, stride, 0);
        Parallel.range(planes, grain(oh * ow * k * k), (from, to) -> {
            if (k == 2 && stride == 2) {
                pool2x2(x, xo, out, oo, argmax, from, to, height, width, oh, ow);
                return;
            }
            for (int p = from; p < to; p++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        int corner = (p * height + y * stride) * width + z * stride;
                        int best = corner;
                        float max = x[xo + best];
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int at = corner + i * width + j;
                                // strictly greater: the first maximum wins, as in the spec
                                if (x[xo + at] > max) {
                                    max = x[xo + at];
                                    best = at;
                                }
                            }
                        }
                        int o = (p * oh + y) * ow + z;
                        out[oo + o] = max;
                        argmax[o] = best;
                    }
                }
            }
        });
    }

    /**
     * 2×2 windows at stride 2, the common case, a row of outputs per vector: the even and odd pixels of the
     * window's two rows are gathered into four vectors by lane shuffles, and the four are compared lane-wise in
     * the spec's order, strictly greater replacing, so the first maximum wins. Compares and blends instead of
     * the scalar walk's data-dependent branches, which mispredicted on every other pixel.
     */
    private static void pool2x2(float[] x, int xo, float[] out, int oo, int[] argmax, int from, int to,
                                int height, int width, int oh, int ow) {
        for (int p = from; p < to; p++) {
            for (int y = 0; y < oh; y++) {
                int o = (p * oh + y) * ow;
                int top = (p * height + 2 * y) * width;
                for (int z = 0; z < ow; z += L) {
                    int lanes = Math.min(L, ow - z);
                    VectorMask<Float> low = F.indexInRange(0, 2 * lanes);
                    VectorMask<Float> high = F.indexInRange(L, 2 * lanes);
                    int at = top + 2 * z;
                    FloatVector t0 = FloatVector.fromArray(F, x, xo + at, low);
                    FloatVector t1 = FloatVector.fromArray(F, x, xo + at + L, high);
                    FloatVector b0 = FloatVector.fromArray(F, x, xo + at + width, low);
                    FloatVector b1 = FloatVector.fromArray(F, x, xo + at + width + L, high);
                    IntVector corner = EVEN_INDICES.add(at); // each window's top-left pixel
                    FloatVector max = t0.rearrange(EVEN, t1);
                    IntVector best = corner;
                    FloatVector v = t0.rearrange(ODD, t1);
                    VectorMask<Float> more = v.compare(VectorOperators.GT, max);
                    max = max.blend(v, more);
                    best = best.blend(corner.add(1), more.cast(I));
                    v = b0.rearrange(EVEN, b1);
                    more = v.compare(VectorOperators.GT, max);
                    max = max.blend(v, more);
                    best = best.blend(corner.add(width), more.cast(I));
                    v = b0.rearrange(ODD, b1);
                    more = v.compare(VectorOperators.GT, max);
                    max = max.blend(v, more);
                    best = best.blend(corner.add(width + 1), more.cast(I));
                    VectorMask<Float> written = F.indexInRange(0, lanes);
                    max.intoArray(out, oo + o + z, written);
                    best.intoArray(argmax, o + z, written.cast(I));
                }
            }
        }
    }

    /** The first output column whose pixel at kernel column j lies inside the image (not in the left padding). */
    private static int firstInside(int j, int stride, int pad, int ow) {
        int z = 0;
        while (z < ow && z * stride + j - pad < 0) z++;
        return z;
    }

    /** One past the last output column whose pixel at kernel column j lies inside the image. */
    private static int lastInside(int j, int stride, int pad, int width, int ow) {
        int z = ow;
        while (z > 0 && (z - 1) * stride + j - pad >= width) z--;
        return z;
    }

    private static int grain(int workPerItem) {
        return Math.max(1, GRAIN_PIXELS / Math.max(1, workPerItem));
    }
}
