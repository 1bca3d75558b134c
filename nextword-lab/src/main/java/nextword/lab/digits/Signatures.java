package nextword.lab.digits;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import nextword.lab.plot.Pictures;

/**
 * A table picture: one row per image, its thumbnail, then a block of ten coloured cells per kind of output
 * (the softmax probabilities; the logits before it), each cell printed with its value.
 */
final class Signatures {

    /** One row: the image's pixels (28×28), its true label, and one 10-vector per block. */
    record Row(float[] pixels, int label, List<float[]> blocks) {}

    private static final int CELL = 46;
    private static final int THUMB = 56;

    private Signatures() {}

    /** blockTitles name the blocks; probability blocks use a 0..1 scale, others a symmetric scale. */
    static BufferedImage draw(String title, List<String> blockTitles, List<Boolean> isProbability, List<Row> rows) {
        int blocks = blockTitles.size();
        int left = 16 + THUMB + 24;
        int blockWidth = 10 * CELL + 30;
        int top = 80;
        BufferedImage img = Pictures.canvas(left + blocks * blockWidth + 10, top + rows.size() * (THUMB + 8) + 20);
        Graphics2D g = Pictures.pen(img);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 16, 28);
        g.setFont(Pictures.TEXT);
        FontMetrics fm = g.getFontMetrics();
        double[] scale = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            for (Row r : rows) for (float v : r.blocks().get(b)) scale[b] = Math.max(scale[b], Math.abs(v));
            int x0 = left + b * blockWidth;
            g.drawString(blockTitles.get(b), x0, top - 30);
            for (int d = 0; d < 10; d++) {
                String s = Integer.toString(d);
                g.drawString(s, x0 + d * CELL + (CELL - fm.stringWidth(s)) / 2, top - 8);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = top + i * (THUMB + 8);
            g.drawImage(Pictures.grey(r.pixels(), 0, 28, 28, 2), 16, y, null);
            for (int b = 0; b < blocks; b++) {
                float[] v = r.blocks().get(b);
                int x0 = left + b * blockWidth;
                for (int d = 0; d < 10; d++) {
                    Color fill = isProbability.get(b) ? Pictures.tint(new Color(178, 24, 43), v[d]) : Pictures.diverging(v[d] / scale[b]);
                    g.setColor(fill);
                    g.fillRect(x0 + d * CELL, y, CELL - 2, THUMB);
                    g.setColor(d == r.label() ? Color.BLACK : new Color(190, 190, 190));
                    g.drawRect(x0 + d * CELL, y, CELL - 2, THUMB);
                    String s = isProbability.get(b) ? String.format("%.2f", v[d]) : String.format("%.1f", v[d]);
                    boolean dark = isProbability.get(b) ? v[d] > 0.6 : Math.abs(v[d]) / scale[b] > 0.6;
                    g.setColor(dark ? Color.WHITE : Color.BLACK);
                    g.drawString(s, x0 + d * CELL + (CELL - 2 - fm.stringWidth(s)) / 2, y + THUMB / 2 + 5);
                }
            }
        }
        g.dispose();
        return img;
    }
}
