package nextword.lab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleBinaryOperator;

/**
 * A rectangle of the plane [xmin, xmax] × [ymin, ymax] drawn as a picture with axes: for maps painted pixel
 * by pixel (decision regions, cost landscapes) with lines and points on top. y grows upwards, as on paper.
 */
public final class PlotArea {

    /** Colour of a point of the plane, as 0xRRGGBB. */
    @FunctionalInterface
    public interface Paint {
        int rgb(double x, double y);
    }

    private static final int LEFT = 70;
    private static final int TOP = 44;
    private static final int BOTTOM = 56;
    private static final int RIGHT = 24;

    private final double xmin;
    private final double xmax;
    private final double ymin;
    private final double ymax;
    private final int w;
    private final int h;
    private final int extraRight;
    private final BufferedImage image;
    private final Graphics2D g;

    /** A plot of w×h pixels for the data area, with room on the right (extraRight pixels) for a legend or scale. */
    public PlotArea(String title, String xLabel, String yLabel, double xmin, double xmax, double ymin, double ymax,
                    int w, int h, int extraRight) {
        if (!(xmax > xmin && ymax > ymin)) throw new IllegalArgumentException("empty plot range");
        this.xmin = xmin;
        this.xmax = xmax;
        this.ymin = ymin;
        this.ymax = ymax;
        this.w = w;
        this.h = h;
        this.extraRight = extraRight;
        this.image = Pictures.canvas(LEFT + w + RIGHT + extraRight, TOP + h + BOTTOM);
        this.g = Pictures.pen(image);
        g.setFont(Pictures.TITLE);
        g.drawString(title, LEFT, 28);
        g.setFont(Pictures.TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(xLabel, LEFT + (w - fm.stringWidth(xLabel)) / 2, TOP + h + 46);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + (h + fm.stringWidth(yLabel)) / 2), 18);
        g.setTransform(saved);
    }

    /** Pixel column of x. */
    public double px(double x) {
        return LEFT + (x - xmin) / (xmax - xmin) * w;
    }

    /** Pixel row of y (up is larger y). */
    public double py(double y) {
        return TOP + (ymax - y) / (ymax - ymin) * h;
    }

    /** Paints every pixel of the data area by the colour of the point at its centre. */
    public PlotArea paint(Paint paint) {
        for (int i = 0; i < h; i++) {
            double y = ymax - (i + 0.5) / h * (ymax - ymin);
            for (int j = 0; j < w; j++) image.setRGB(LEFT + j, TOP + i, paint.rgb(xmin + (j + 0.5) / w * (xmax - xmin), y));
        }
        return this;
    }

    /**
     * The centres of the data area's pixels as (count, 2) rows of (x, y), in the order {@link #paintPixels}
     * takes colours: a whole map can then be computed in one batch (a net's forward pass) instead of pixel by pixel.
     */
    public float[] pixelCentres() {
        float[] xy = new float[w * h * 2];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                xy[2 * (i * w + j)] = (float) (xmin + (j + 0.5) / w * (xmax - xmin));
                xy[2 * (i * w + j) + 1] = (float) (ymax - (i + 0.5) / h * (ymax - ymin));
            }
        }
        return xy;
    }

    /** Paints the data area from one 0xRRGGBB colour per pixel, in {@link #pixelCentres} order. */
    public PlotArea paintPixels(int[] rgb) {
        if (rgb.length != w * h) throw new IllegalArgumentException(rgb.length + " colours for " + w * h + " pixels");
        for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) image.setRGB(LEFT + j, TOP + i, rgb[i * w + j]);
        return this;
    }

    /** Samples f on an n×n grid over the area (row i is y from ymin up, column j is x from xmin). */
    public double[][] sample(DoubleBinaryOperator f, int n) {
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) z[i][j] = f.applyAsDouble(xAt(j, n), yAt(i, n));
        }
        return z;
    }

    /** The x of column j of an n-point grid over the area. */
    public double xAt(int j, int n) {
        return xmin + j * (xmax - xmin) / (n - 1);
    }

    /** The y of row i of an n-point grid over the area. */
    public double yAt(int i, int n) {
        return ymin + i * (ymax - ymin) / (n - 1);
    }

    /** A line through the points (data coordinates). */
    public PlotArea line(double[] xs, double[] ys, Color colour, float width) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) path.moveTo(px(xs[i]), py(ys[i]));
            else path.lineTo(px(xs[i]), py(ys[i]));
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setClip(LEFT, TOP, w, h);
        g.draw(path);
        g.setClip(null);
        return this;
    }

    /** A dot with a dark outline, optionally labelled beside it. */
    public PlotArea dot(double x, double y, Color fill, double radius, String label) {
        Ellipse2D.Double e = new Ellipse2D.Double(px(x) - radius, py(y) - radius, 2 * radius, 2 * radius);
        g.setColor(fill);
        g.fill(e);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(e);
        if (label != null && !label.isEmpty()) g.drawString(label, (float) (px(x) + radius + 3), (float) (py(y) - radius - 1));
        return this;
    }

    /** A legend entry at row i in the space to the right of the plot. */
    public PlotArea legend(int i, Color colour, String text) {
        int x = LEFT + w + RIGHT;
        int y = TOP + 10 + i * 22;
        g.setColor(colour);
        g.fillRect(x, y - 10, 14, 12);
        g.setColor(Color.BLACK);
        g.drawRect(x, y - 10, 14, 12);
        g.drawString(text, x + 20, y);
        return this;
    }

    /** A vertical colour scale from lo (bottom) to hi (top) in the space right of the plot. */
    public PlotArea scale(java.util.function.DoubleFunction<Color> colour, double lo, double hi, String label) {
        int x = LEFT + w + RIGHT;
        for (int i = 0; i < h; i++) {
            g.setColor(colour.apply(1 - (double) i / (h - 1)));
            g.drawLine(x, TOP + i, x + 16, TOP + i);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, TOP, 16, h);
        g.drawString(Ticks.format(hi), x + 20, TOP + 10);
        g.drawString(Ticks.format(lo), x + 20, TOP + h);
        g.drawString(label, x + 20, TOP + h / 2);
        return this;
    }

    /** The pen, for anything else (clipped to nothing; coordinates in pixels via px/py). */
    public Graphics2D pen() {
        return g;
    }

    /** Draws the frame and ticks and returns the picture. */
    public BufferedImage finish() {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, w, h);
        FontMetrics fm = g.getFontMetrics();
        for (double t : Ticks.of(xmin, xmax, 6)) {
            int x = (int) Math.round(px(t));
            g.drawLine(x, TOP + h, x, TOP + h + 5);
            String s = Ticks.format(t);
            g.drawString(s, x - fm.stringWidth(s) / 2, TOP + h + 20);
        }
        for (double t : Ticks.of(ymin, ymax, 6)) {
            int y = (int) Math.round(py(t));
            g.drawLine(LEFT - 5, y, LEFT, y);
            String s = Ticks.format(t);
            g.drawString(s, LEFT - 8 - fm.stringWidth(s), y + 5);
        }
        g.dispose();
        return image;
    }

    /** The picture's width, including the space on the right. */
    public int width() {
        return LEFT + w + RIGHT + extraRight;
    }
}
