package nextword.lab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A fully connected net drawn as the essay draws one: a column of neurons per layer, every neuron joined to
 * every neuron of the next layer, each connection coloured by its weight's sign (red +, blue −) and as thick
 * as its size; each neuron filled by its bias.
 */
public final class NetDiagram {

    private NetDiagram() {}

    /**
     * weights.get(l) is layer l's (out, in) matrix, flattened row-major; biases.get(l) its (out) vector.
     * inputNames and outputNames label the first and last columns.
     */
    public static BufferedImage draw(String title, List<float[]> weights, List<float[]> biases, int[] widths,
                                     List<String> inputNames, List<String> outputNames) {
        if (weights.size() != widths.length - 1 || biases.size() != weights.size()) {
            throw new IllegalArgumentException(widths.length + " layer widths need " + (widths.length - 1) + " weight matrices and bias vectors");
        }
        int maxWidth = 0;
        for (int wd : widths) maxWidth = Math.max(maxWidth, wd);
        int colGap = 170;
        int rowGap = maxWidth > 12 ? 34 : 50;
        int top = 60;
        int left = 90;
        int width = left + (widths.length - 1) * colGap + 220;
        int height = top + maxWidth * rowGap + 50;
        BufferedImage img = Pictures.canvas(width, height);
        Graphics2D g = Pictures.pen(img);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 16, 28);
        g.setFont(Pictures.TEXT);
        g.drawString("red: positive weight, blue: negative; thickness ∝ |weight|; fill: bias", 16, 48);

        float maxW = 1e-6f;
        for (float[] w : weights) for (float v : w) maxW = Math.max(maxW, Math.abs(v));
        float maxB = 1e-6f;
        for (float[] b : biases) for (float v : b) maxB = Math.max(maxB, Math.abs(v));

        double[][] xs = new double[widths.length][];
        double[][] ys = new double[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            xs[l] = new double[widths[l]];
            ys[l] = new double[widths[l]];
            double span = (widths[l] - 1) * rowGap;
            for (int i = 0; i < widths[l]; i++) {
                xs[l][i] = left + l * colGap;
                ys[l][i] = top + 20 + (maxWidth - 1) * rowGap / 2.0 - span / 2 + i * rowGap;
            }
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            float[] w = weights.get(l);
            for (int o = 0; o < widths[l + 1]; o++) {
                for (int i = 0; i < widths[l]; i++) {
                    float v = w[o * widths[l] + i];
                    double strength = Math.abs(v) / maxW;
                    g.setColor(Pictures.diverging(Math.signum(v) * (0.25 + 0.75 * strength)));
                    g.setStroke(new BasicStroke((float) (0.4 + 4.5 * strength)));
                    g.draw(new Line2D.Double(xs[l][i], ys[l][i], xs[l + 1][o], ys[l + 1][o]));
                }
            }
        }
        double r = rowGap > 40 ? 11 : 9;
        for (int l = 0; l < widths.length; l++) {
            for (int i = 0; i < widths[l]; i++) {
                Ellipse2D.Double node = new Ellipse2D.Double(xs[l][i] - r, ys[l][i] - r, 2 * r, 2 * r);
                g.setColor(l == 0 ? new Color(235, 235, 235) : Pictures.diverging(biases.get(l - 1)[i] / maxB));
                g.fill(node);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.3f));
                g.draw(node);
            }
        }
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < inputNames.size() && i < widths[0]; i++) {
            String s = inputNames.get(i);
            g.drawString(s, (float) (xs[0][i] - r - 8 - fm.stringWidth(s)), (float) (ys[0][i] + 5));
        }
        int last = widths.length - 1;
        for (int i = 0; i < outputNames.size() && i < widths[last]; i++) {
            g.drawString(outputNames.get(i), (float) (xs[last][i] + r + 8), (float) (ys[last][i] + 5));
        }
        g.dispose();
        return img;
    }
}
