package nextword.lab.digits;

import nextword.tensor.Autograd;
import nextword.tensor.Tensor;

/** Gaussian blur of a grey image, done as a convolution with a Gaussian filter (the same conv2d the CNN uses). */
final class Blur {

    private Blur() {}

    /** The image (rows×cols floats) blurred with standard deviation sigma pixels; sigma 0 returns a copy. */
    static float[] gaussian(float[] image, int rows, int cols, double sigma) {
        if (sigma <= 0) return image.clone();
        int radius = Math.min((int) Math.ceil(3 * sigma), Math.min(rows, cols) - 1);
        int size = 2 * radius + 1;
        float[] kernel = new float[size * size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double d2 = (i - radius) * (i - radius) + (j - radius) * (j - radius);
                kernel[i * size + j] = (float) Math.exp(-d2 / (2 * sigma * sigma));
                total += kernel[i * size + j];
            }
        }
        for (int k = 0; k < kernel.length; k++) kernel[k] /= (float) total;
        try (var g = Autograd.noGrad()) {
            Tensor x = Tensor.of(image, 1, 1, rows, cols);
            return x.conv2d(Tensor.wrap(kernel, 1, 1, size, size), null, 1, radius).toArray(); // zero padding: ink fades at the edges
        }
    }
}
