package nextword.lab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Pictures that are really pictures (digits, decision regions, a net's wiring), drawn pixel by pixel or
 * with Java2D into a BufferedImage and written as PNG; and the colour scales they share.
 */
public final class Pictures {

    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    public static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** Stops of a perceptually even scale from dark blue through green to yellow (like viridis). */
    private static final int[][] SEQUENTIAL = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    /** Colours for categories (classes, series): distinct, and readable on white. */
    private static final Color[] CATEGORY = {
            new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
            new Color(188, 189, 34), new Color(23, 190, 207)};

    private Pictures() {}

    /** A white image of the given size. */
    public static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** A pen for img with smooth lines and text. */
    public static Graphics2D pen(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.setFont(TEXT);
        return g;
    }

    /** Writes img as PNG atomically. */
    public static Path save(BufferedImage img, Path out) {
        return AtomicFile.write(out, os -> {
            if (!ImageIO.write(img, "png", os)) throw new java.io.IOException("no PNG writer in this JVM");
        });
    }

    /** A grey image (0 white … 1 black ink) of rows×cols values from offset, each pixel a scale×scale square. */
    public static BufferedImage grey(float[] values, int offset, int rows, int cols, int scale) {
        BufferedImage img = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = Math.clamp(values[offset + r * cols + c], 0f, 1f);
                int level = Math.round(255 * (1 - v));
                int rgb = level << 16 | level << 8 | level;
                for (int i = 0; i < scale; i++) for (int j = 0; j < scale; j++) img.setRGB(c * scale + j, r * scale + i, rgb);
            }
        }
        return img;
    }

    /**
     * Tiles in a grid of the given number of columns, each with its caption (lines split at '\n') beneath,
     * under a title. Tiles may differ in size; each cell is as large as the largest tile.
     */
    public static BufferedImage grid(String title, List<BufferedImage> tiles, List<String> captions, int columns) {
        if (tiles.size() != captions.size()) throw new IllegalArgumentException(tiles.size() + " tiles but " + captions.size() + " captions");
        int cw = 0;
        int ch = 0;
        int lines = 1;
        for (int i = 0; i < tiles.size(); i++) {
            cw = Math.max(cw, tiles.get(i).getWidth());
            ch = Math.max(ch, tiles.get(i).getHeight());
            lines = Math.max(lines, captions.get(i).split("\n", -1).length);
        }
        int gap = 14;
        int lineHeight = 17;
        int top = title.isEmpty() ? gap : 40;
        int cellW = Math.max(cw, 90) + gap;
        int cellH = ch + lines * lineHeight + gap;
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage img = canvas(Math.max(columns * cellW + gap, textWidth(title) + 2 * gap), top + rows * cellH);
        Graphics2D g = pen(img);
        g.setFont(TITLE);
        g.drawString(title, gap, 26);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < tiles.size(); i++) {
            int x = gap + (i % columns) * cellW;
            int y = top + (i / columns) * cellH;
            BufferedImage t = tiles.get(i);
            g.drawImage(t, x + (cellW - gap - t.getWidth()) / 2, y, null);
            g.setColor(new Color(200, 200, 200));
            g.drawRect(x + (cellW - gap - t.getWidth()) / 2 - 1, y - 1, t.getWidth() + 1, t.getHeight() + 1);
            g.setColor(Color.BLACK);
            String[] text = captions.get(i).split("\n", -1);
            for (int l = 0; l < text.length; l++) {
                int tw = fm.stringWidth(text[l]);
                g.drawString(text[l], x + (cellW - gap - tw) / 2, y + ch + (l + 1) * lineHeight);
            }
        }
        g.dispose();
        return img;
    }

    private static int textWidth(String s) {
        Graphics2D g = canvas(1, 1).createGraphics();
        g.setFont(TITLE);
        int w = g.getFontMetrics().stringWidth(s);
        g.dispose();
        return w;
    }

    /** The sequential colour for t in [0, 1] (clamped). */
    public static Color sequential(double t) {
        double u = Math.clamp(Double.isNaN(t) ? 0 : t, 0, 1) * (SEQUENTIAL.length - 1);
        int i = Math.min((int) u, SEQUENTIAL.length - 2);
        double f = u - i;
        int[] a = SEQUENTIAL[i];
        int[] b = SEQUENTIAL[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    /** Blue for −1, white for 0, red for +1 (clamped): signs of weights, outputs around zero. */
    public static Color diverging(double t) {
        double u = Math.clamp(Double.isNaN(t) ? 0 : t, -1, 1);
        return tint(u < 0 ? new Color(33, 102, 172) : new Color(178, 24, 43), Math.abs(u));
    }

    /** The colour of category i (cycling after ten). */
    public static Color category(int i) {
        return CATEGORY[Math.floorMod(i, CATEGORY.length)];
    }

    /** c mixed with white: weight 1 keeps c, 0 gives white (light backgrounds for regions). */
    public static Color tint(Color c, double weight) {
        return new Color((int) Math.round(255 + weight * (c.getRed() - 255)), (int) Math.round(255 + weight * (c.getGreen() - 255)),
                (int) Math.round(255 + weight * (c.getBlue() - 255)));
    }
}
