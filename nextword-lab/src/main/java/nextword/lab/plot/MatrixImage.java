package nextword.lab.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A matrix drawn as coloured cells: embedding arrays, weight matrices, attention patterns, logit-lens tables.
 * Row and column labels appear when the cells are big enough to carry them; a matrix larger than the
 * picture is shrunk by averaging neighbouring cells. A colour bar on the right gives the scale.
 */
public final class MatrixImage {

    /** How values become colours. */
    public enum Scale {
        /** Signed: blue (negative), white (0), red (positive), symmetric around 0. */
        DIVERGING,
        /** Non-negative: white (0) to dark blue (the maximum). */
        SEQUENTIAL
    }

    private static final int MARGIN = 10;
    private static final int BAR = 16;

    private final double[][] values;
    private final int rows;
    private final int cols;
    private String title = "";
    private List<String> rowLabels;
    private List<String> columnLabels;
    private String rowAxis = "";
    private String columnAxis = "";
    private String[][] cellText;
    private Scale scale = Scale.DIVERGING;
    private double range = Double.NaN;
    private int maxWidth = 1100;
    private int maxHeight = 800;
    private int maxCell = 28;
    private boolean square;

    private MatrixImage(double[][] values) {
        if (values.length == 0 || values[0].length == 0) throw new IllegalArgumentException("an empty matrix has no picture");
        for (double[] row : values) {
            if (row.length != values[0].length) throw new IllegalArgumentException("ragged matrix: rows of " + values[0].length + " and " + row.length);
        }
        this.values = values;
        this.rows = values.length;
        this.cols = values[0].length;
    }

    /** The picture of values[row][column]. */
    public static MatrixImage of(double[][] values) {
        return new MatrixImage(values);
    }

    public MatrixImage title(String t) {
        this.title = t;
        return this;
    }

    /** Labels of the rows (drawn at the left) and what the rows are (axis title). */
    public MatrixImage rows(String axis, List<String> labels) {
        if (labels != null && labels.size() != rows) throw new IllegalArgumentException(labels.size() + " row labels for " + rows + " rows");
        this.rowAxis = axis;
        this.rowLabels = labels;
        return this;
    }

    /** Labels of the columns (drawn on top, turned) and what the columns are. */
    public MatrixImage columns(String axis, List<String> labels) {
        if (labels != null && labels.size() != cols) throw new IllegalArgumentException(labels.size() + " column labels for " + cols + " columns");
        this.columnAxis = axis;
        this.columnLabels = labels;
        return this;
    }

    /** Text written inside each cell (e.g. the logit lens's top token); cells grow to hold it. */
    public MatrixImage cellText(String[][] text) {
        if (text.length != rows || text[0].length != cols) throw new IllegalArgumentException("cell text must be " + rows + "×" + cols);
        this.cellText = text;
        return this;
    }

    /** The colour scale; range is the value drawn at full colour (NaN: the largest magnitude present). */
    public MatrixImage scale(Scale s, double range) {
        this.scale = s;
        this.range = range;
        return this;
    }

    /** The largest picture of the cells, in pixels; bigger matrices are averaged down to fit. */
    public MatrixImage maxSize(int width, int height) {
        this.maxWidth = width;
        this.maxHeight = height;
        return this;
    }

    /** The largest side of one cell, in pixels (small matrices would otherwise become huge squares). */
    public MatrixImage maxCell(int pixels) {
        this.maxCell = pixels;
        return this;
    }

    /** Cells as tall as they are wide (a weight matrix, whose two axes are alike). */
    public MatrixImage squareCells() {
        this.square = true;
        return this;
    }

    public BufferedImage render() {
        FontMetrics fm = Pictures.pen(Pictures.canvas(1, 1)).getFontMetrics(Pictures.TEXT.deriveFont(12f));
        int shownCols = Math.min(cols, maxWidth);
        int shownRows = Math.min(rows, maxHeight);
        int cw = Math.max(1, Math.min(maxCell, maxWidth / shownCols));
        int ch = Math.max(1, Math.min(maxCell, maxHeight / shownRows));
        if (square) cw = ch = Math.min(cw, ch);
        if (cellText != null) {
            int widest = 0;
            for (String[] row : cellText) for (String s : row) widest = Math.max(widest, fm.stringWidth(s));
            cw = Math.max(cw, Math.min(110, widest + 8));
            ch = Math.max(ch, fm.getHeight() + 6);
        }
        boolean rowText = rowLabels != null && shownRows == rows && ch >= fm.getAscent();
        boolean colText = columnLabels != null && shownCols == cols && cw >= fm.getAscent();
        // Labels that fit across their cells are written level; longer ones are turned upright.
        boolean colLevel = colText && widest(fm, columnLabels) <= cw - 2;
        int rowLabelWidth = rowText ? widest(fm, rowLabels) + 6 : fm.stringWidth(Integer.toString(rows)) + 6;
        int colLabelHeight = colText && !colLevel ? widest(fm, columnLabels) + 6 : fm.getHeight() + 2;
        int gridW = shownCols * cw;
        int gridH = shownRows * ch;
        int titleH = title.isEmpty() ? 0 : fm.getHeight() + 8;
        int axisH = fm.getHeight() + 4;
        int left = MARGIN + axisH + rowLabelWidth;
        int top = MARGIN + titleH + axisH + colLabelHeight;
        int barLeft = left + gridW + 14;
        int width = Math.max(barLeft + BAR + 8 + fm.stringWidth("-0.000e+00") + MARGIN, left + fm.stringWidth(title) + MARGIN);
        int height = top + Math.max(gridH, 80) + MARGIN;

        BufferedImage img = Pictures.canvas(width, height);
        Graphics2D g = Pictures.pen(img);
        g.setFont(Pictures.TEXT.deriveFont(12f));
        double full = fullScale();
        double[][] shown = shrink(shownRows, shownCols);
        for (int r = 0; r < shownRows; r++) {
            for (int c = 0; c < shownCols; c++) {
                Color color = colour(shown[r][c] / full);
                g.setColor(color);
                g.fillRect(left + c * cw, top + r * ch, cw, ch);
                if (cellText != null) {
                    String s = cellText[r][c];
                    g.setColor(Palette.textOn(color));
                    g.drawString(s, left + c * cw + (cw - fm.stringWidth(s)) / 2, top + r * ch + (ch + fm.getAscent() - fm.getDescent()) / 2);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left - 1, top - 1, gridW + 1, gridH + 1);
        g.setColor(Color.BLACK);
        if (!title.isEmpty()) g.drawString(title, left, MARGIN + fm.getAscent());
        drawRowLabels(g, fm, rowText, left, top, ch, shownRows);
        drawColumnLabels(g, fm, colText, colLevel, left, top, cw, shownCols);
        // Axis titles: columns above their labels, rows turned along the left edge.
        g.drawString(columnAxis, left, MARGIN + titleH + fm.getAscent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, MARGIN + fm.getAscent(), top + gridH);
        g.drawString(rowAxis, MARGIN + fm.getAscent(), top + gridH);
        g.setTransform(saved);
        drawColourBar(g, fm, barLeft, top, Math.max(gridH, 80), full);
        g.dispose();
        return img;
    }

    private void drawRowLabels(Graphics2D g, FontMetrics fm, boolean text, int left, int top, int ch, int shownRows) {
        if (text) {
            for (int r = 0; r < rows; r++) {
                String s = rowLabels.get(r);
                g.drawString(s, left - 4 - fm.stringWidth(s), top + r * ch + (ch + fm.getAscent() - fm.getDescent()) / 2);
            }
            return;
        }
        for (int k : ticks(rows)) {
            int y = top + (int) ((k + 0.5) * shownRows / rows * (double) ch);
            String s = Integer.toString(k);
            g.drawString(s, left - 4 - fm.stringWidth(s), y + fm.getAscent() / 2);
        }
    }

    private void drawColumnLabels(Graphics2D g, FontMetrics fm, boolean text, boolean level, int left, int top, int cw, int shownCols) {
        if (level) {
            for (int c = 0; c < cols; c++) {
                String s = columnLabels.get(c);
                g.drawString(s, left + c * cw + (cw - fm.stringWidth(s)) / 2, top - 4);
            }
            return;
        }
        if (text) {
            for (int c = 0; c < cols; c++) {
                AffineTransform saved = g.getTransform();
                int x = left + c * cw + (cw + fm.getAscent() - fm.getDescent()) / 2;
                g.rotate(-Math.PI / 2, x, top - 4);
                g.drawString(columnLabels.get(c), x, top - 4);
                g.setTransform(saved);
            }
            return;
        }
        for (int k : ticks(cols)) {
            int x = left + (int) ((k + 0.5) * shownCols / cols * (double) cw);
            String s = Integer.toString(k);
            g.drawString(s, x - fm.stringWidth(s) / 2, top - 4);
        }
    }

    private void drawColourBar(Graphics2D g, FontMetrics fm, int x, int top, int h, double full) {
        double low = scale == Scale.DIVERGING ? -1 : 0;
        for (int y = 0; y < h; y++) {
            g.setColor(colour(1 - (1 - low) * y / (h - 1.0)));
            g.fillRect(x, top + y, BAR, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, top, BAR, h);
        g.setColor(Color.BLACK);
        g.drawString(number(full), x + BAR + 4, top + fm.getAscent());
        g.drawString(number(low * full), x + BAR + 4, top + h);
        if (scale == Scale.DIVERGING) g.drawString("0", x + BAR + 4, top + h / 2 + fm.getAscent() / 2);
    }

    private Color colour(double v) {
        return scale == Scale.DIVERGING ? Pictures.diverging(v) : Palette.blues(v);
    }

    private double fullScale() {
        if (!Double.isNaN(range) && range > 0) return range;
        double m = 0;
        for (double[] row : values) for (double v : row) if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
        return m > 0 ? m : 1;
    }

    /** The matrix averaged down to r × c cells (each shown cell the mean of the block it covers). */
    private double[][] shrink(int r, int c) {
        if (r == rows && c == cols) return values;
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            int r0 = (int) ((long) i * rows / r);
            int r1 = Math.max(r0 + 1, (int) ((long) (i + 1) * rows / r));
            for (int j = 0; j < c; j++) {
                int c0 = (int) ((long) j * cols / c);
                int c1 = Math.max(c0 + 1, (int) ((long) (j + 1) * cols / c));
                double sum = 0;
                for (int a = r0; a < r1; a++) for (int b = c0; b < c1; b++) sum += values[a][b];
                out[i][j] = sum / ((r1 - r0) * (c1 - c0));
            }
        }
        return out;
    }

    /** A few round positions along an axis of n cells: 0 and multiples of the smallest 1-2-5 step giving at most 9. */
    static int[] ticks(int n) {
        long step = 1;
        search:
        for (long decade = 1; ; decade *= 10) {
            for (int k : new int[] {1, 2, 5}) {
                step = k * decade;
                if (n / step <= 8) break search;
            }
        }
        int count = (int) ((n - 1) / step + 1);
        int[] t = new int[count];
        for (int i = 0; i < count; i++) t[i] = (int) (i * step);
        return t;
    }

    private static int widest(FontMetrics fm, List<String> labels) {
        int w = 0;
        for (String s : labels) w = Math.max(w, fm.stringWidth(s));
        return w;
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e4)) return String.format(Locale.ROOT, "%.2e", v);
        return String.format(Locale.ROOT, a < 1 ? "%.3f" : "%.2f", v);
    }
}
