package nextword.lab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nextword.data.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Pictures drawn with Java2D: a white canvas to draw on, XChart charts as images, and atomic PNG files. */
public final class Png {

    /** The font every hand-drawn picture uses, at the given size. */
    public static Font font(int size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, size);
    }

    private Png() {}

    /** A white canvas and its graphics, antialiased, with the default font. The caller disposes the graphics. */
    public static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(font(13));
        return g;
    }

    /** A new RGB image of the given size. */
    public static BufferedImage image(int width, int height) {
        return new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
    }

    /** An XChart chart drawn into an image (to place it in a {@link Grid}). */
    public static BufferedImage of(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes image as PNG atomically (temp file, then rename), creating parent folders. */
    public static Path save(BufferedImage image, Path out) {
        try {
            AtomicFile.write(out, o -> {
                if (!ImageIO.write(image, "png", o)) throw new IOException("no PNG writer in this JVM");
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
