package nextword.lab.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pictures side by side in rows and columns under one title: the heads of a block, the blocks of a model. */
public final class Grid {

    private static final int GAP = 12;

    private Grid() {}

    /** panels laid out in rows of at most columns pictures, each cell as big as the largest panel. */
    public static BufferedImage of(String title, List<BufferedImage> panels, int columns) {
        if (panels.isEmpty()) throw new IllegalArgumentException("a grid needs at least one picture");
        int cols = Math.max(1, Math.min(columns, panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        int cellW = 0, cellH = 0;
        for (BufferedImage p : panels) {
            cellW = Math.max(cellW, p.getWidth());
            cellH = Math.max(cellH, p.getHeight());
        }
        FontMetrics fm = Png.canvas(Png.image(1, 1)).getFontMetrics(Png.font(16));
        int titleH = title.isEmpty() ? 0 : fm.getHeight() + GAP;
        BufferedImage img = Png.image(GAP + cols * (cellW + GAP), titleH + GAP + rows * (cellH + GAP));
        Graphics2D g = Png.canvas(img);
        g.setFont(Png.font(16));
        g.setColor(Color.BLACK);
        if (!title.isEmpty()) g.drawString(title, GAP, GAP + fm.getAscent());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), GAP + (i % cols) * (cellW + GAP), titleH + GAP + (i / cols) * (cellH + GAP), null);
        }
        g.dispose();
        return img;
    }
}
