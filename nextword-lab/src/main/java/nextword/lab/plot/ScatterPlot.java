package nextword.lab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Points with word labels, coloured by group, plus straight segments of any width: embeddings projected to
 * the plane, and the trajectory of a text with its fans of next tokens. (XChart's scatter cannot label
 * single points.) Labels are placed beside their points where they overlap the fewest others.
 */
public final class ScatterPlot {

    /** One point: where, its label (may be empty), its group (colour), and its radius in pixels. */
    public record Point(double x, double y, String label, int group, double radius) {}

    /** A line from (x1, y1) to (x2, y2), width in pixels, with an arrowhead at the end when asked. */
    public record Segment(double x1, double y1, double x2, double y2, double width, Color color, boolean arrow) {}

    private static final int MARGIN = 12;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> groups = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private boolean numericAxes = true;
    private boolean equalAspect;

    public ScatterPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The names of the groups, for the legend (group i is the i-th name). */
    public ScatterPlot groups(List<String> names) {
        groups.clear();
        groups.addAll(names);
        return this;
    }

    /** A point of the given group (colour) and radius in pixels, labelled (an empty label draws none). */
    public ScatterPlot point(double x, double y, String label, int group, double radius) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) throw new IllegalArgumentException("point '" + label + "' is not finite: (" + x + ", " + y + ")");
        points.add(new Point(x, y, label, group, radius));
        return this;
    }

    public ScatterPlot segment(Segment s) {
        segments.add(s);
        return this;
    }

    /** Hides the numeric axes (for projections whose coordinates mean nothing by themselves, such as a 3-D view). */
    public ScatterPlot withoutNumericAxes() {
        this.numericAxes = false;
        return this;
    }

    /** One unit is as long across as up (distances in the picture are true distances). */
    public ScatterPlot equalAspect() {
        this.equalAspect = true;
        return this;
    }

    public BufferedImage render(int width, int height) {
        BufferedImage img = Pictures.canvas(width, height);
        Graphics2D g = Pictures.pen(img);
        g.setFont(Pictures.TEXT.deriveFont(12f));
        FontMetrics fm = g.getFontMetrics();
        int titleH = fm.getHeight() + 10;
        int left = MARGIN + (numericAxes ? fm.stringWidth("-0.000") + fm.getHeight() + 8 : 0);
        int bottom = height - MARGIN - (numericAxes ? 2 * fm.getHeight() + 6 : fm.getHeight());
        int top = MARGIN + titleH;
        int right = width - MARGIN;
        Frame f = frame(left, top, right, bottom);

        if (numericAxes) drawAxes(g, fm, f);
        g.setColor(Color.BLACK);
        g.drawString(title, left, MARGIN + fm.getAscent());
        g.drawString(xLabel, (left + right - fm.stringWidth(xLabel)) / 2, height - MARGIN);
        if (numericAxes) {
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2, MARGIN + fm.getAscent(), (top + bottom + fm.stringWidth(yLabel)) / 2.0);
            g.drawString(yLabel, MARGIN + fm.getAscent(), (top + bottom + fm.stringWidth(yLabel)) / 2);
            g.setTransform(saved);
        }
        for (Segment s : segments) drawSegment(g, f, s);
        List<Rectangle> taken = new ArrayList<>();
        for (Point p : points) {
            double x = f.px(p.x());
            double y = f.py(p.y());
            int r = (int) Math.round(p.radius());
            taken.add(new Rectangle((int) x - r, (int) y - r, 2 * r, 2 * r));
        }
        for (Point p : points) {
            g.setColor(Pictures.category(p.group()));
            double r = p.radius();
            g.fill(new java.awt.geom.Ellipse2D.Double(f.px(p.x()) - r, f.py(p.y()) - r, 2 * r, 2 * r));
        }
        for (Point p : points) if (!p.label().isEmpty()) drawLabel(g, fm, p, f, taken);
        drawLegend(g, fm, right, top);
        g.dispose();
        return img;
    }

    /** Maps data coordinates into the plotting rectangle (y grows upward in the data, downward in pixels). */
    private record Frame(double x0, double y0, double sx, double sy, int left, int top, int right, int bottom) {
        double px(double x) {
            return left + (x - x0) * sx;
        }

        double py(double y) {
            return bottom - (y - y0) * sy;
        }
    }

    private Frame frame(int left, int top, int right, int bottom) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        for (Segment s : segments) {
            minX = Math.min(minX, Math.min(s.x1(), s.x2()));
            maxX = Math.max(maxX, Math.max(s.x1(), s.x2()));
            minY = Math.min(minY, Math.min(s.y1(), s.y2()));
            maxY = Math.max(maxY, Math.max(s.y1(), s.y2()));
        }
        if (minX > maxX) {
            minX = minY = -1;
            maxX = maxY = 1;
        }
        double spanX = Math.max(maxX - minX, 1e-9);
        double spanY = Math.max(maxY - minY, 1e-9);
        // Room for labels: 4% of the span on each side, and more on the right, where labels go first.
        minX -= 0.04 * spanX;
        maxX += 0.12 * spanX;
        minY -= 0.05 * spanY;
        maxY += 0.05 * spanY;
        double sx = (right - left) / (maxX - minX);
        double sy = (bottom - top) / (maxY - minY);
        if (equalAspect) {
            double s = Math.min(sx, sy);
            // Centre the data in the rectangle.
            minX -= ((right - left) / s - (maxX - minX)) / 2;
            minY -= ((bottom - top) / s - (maxY - minY)) / 2;
            sx = sy = s;
        }
        return new Frame(minX, minY, sx, sy, left, top, right, bottom);
    }

    private void drawAxes(Graphics2D g, FontMetrics fm, Frame f) {
        g.setColor(new Color(235, 235, 235));
        double xFrom = f.x0(), xTo = f.x0() + (f.right() - f.left()) / f.sx();
        double yFrom = f.y0(), yTo = f.y0() + (f.bottom() - f.top()) / f.sy();
        double xs = niceStep(xTo - xFrom);
        double ys = niceStep(yTo - yFrom);
        for (double x = Math.ceil(xFrom / xs) * xs; x <= xTo; x += xs) {
            int px = (int) f.px(x);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(px, f.top(), px, f.bottom());
            g.setColor(Color.DARK_GRAY);
            String s = MatrixImage.number(Math.abs(x) < xs / 1e6 ? 0 : x);
            g.drawString(s, px - fm.stringWidth(s) / 2, f.bottom() + fm.getAscent() + 3);
        }
        for (double y = Math.ceil(yFrom / ys) * ys; y <= yTo; y += ys) {
            int py = (int) f.py(y);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(f.left(), py, f.right(), py);
            g.setColor(Color.DARK_GRAY);
            String s = MatrixImage.number(Math.abs(y) < ys / 1e6 ? 0 : y);
            g.drawString(s, f.left() - 4 - fm.stringWidth(s), py + fm.getAscent() / 2);
        }
        g.setColor(Color.GRAY);
        g.drawRect(f.left(), f.top(), f.right() - f.left(), f.bottom() - f.top());
    }

    /** A round step (1, 2 or 5 times a power of ten) giving about six ticks over span. */
    static double niceStep(double span) {
        double raw = span / 6;
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double k : new double[] {1, 2, 5}) if (k * decade >= raw) return k * decade;
        return 10 * decade;
    }

    private static void drawSegment(Graphics2D g, Frame f, Segment s) {
        g.setColor(s.color());
        g.setStroke(new BasicStroke((float) s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double x1 = f.px(s.x1()), y1 = f.py(s.y1()), x2 = f.px(s.x2()), y2 = f.py(s.y2());
        g.draw(new Line2D.Double(x1, y1, x2, y2));
        double len = Math.hypot(x2 - x1, y2 - y1);
        if (s.arrow() && len > 1) {
            double head = 5 + 1.5 * s.width();
            double ux = (x2 - x1) / len, uy = (y2 - y1) / len;
            Path2D.Double a = new Path2D.Double();
            a.moveTo(x2, y2);
            a.lineTo(x2 - head * ux + head * 0.5 * uy, y2 - head * uy - head * 0.5 * ux);
            a.lineTo(x2 - head * ux - head * 0.5 * uy, y2 - head * uy + head * 0.5 * ux);
            a.closePath();
            g.fill(a);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Puts the label at whichever of eight spots around the point overlaps least with what is already there. */
    private static void drawLabel(Graphics2D g, FontMetrics fm, Point p, Frame f, List<Rectangle> taken) {
        int w = fm.stringWidth(p.label());
        int h = fm.getAscent();
        int x = (int) f.px(p.x());
        int y = (int) f.py(p.y());
        int r = (int) Math.ceil(p.radius()) + 2;
        int[][] spots = {{r, h / 2}, {-r - w, h / 2}, {-w / 2, -r}, {-w / 2, r + h}, {r, -r}, {-r - w, -r}, {r, r + h}, {-r - w, r + h}};
        Rectangle best = null;
        long bestOverlap = Long.MAX_VALUE;
        for (int[] s : spots) {
            Rectangle cand = new Rectangle(x + s[0], y + s[1] - h, w, h);
            long overlap = 0;
            for (Rectangle t : taken) {
                Rectangle i = cand.intersection(t);
                if (!i.isEmpty()) overlap += (long) i.width * i.height;
            }
            if (overlap < bestOverlap) {
                bestOverlap = overlap;
                best = cand;
            }
            if (overlap == 0) break;
        }
        taken.add(best);
        g.setColor(new Color(255, 255, 255, 190));
        g.fillRect(best.x - 1, best.y, best.width + 2, best.height + fm.getDescent());
        g.setColor(Palette.mix(Pictures.category(p.group()), Color.BLACK, 0.45));
        g.drawString(p.label(), best.x, best.y + h);
    }

    private void drawLegend(Graphics2D g, FontMetrics fm, int right, int top) {
        if (groups.size() < 2) return;
        int w = 0;
        for (String s : groups) w = Math.max(w, fm.stringWidth(s));
        int boxW = w + 26;
        int boxH = groups.size() * fm.getHeight() + 8;
        int x = right - boxW - 6;
        int y = top + 6;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x, y, boxW, boxH);
        for (int i = 0; i < groups.size(); i++) {
            int cy = y + 4 + i * fm.getHeight() + fm.getHeight() / 2;
            g.setColor(Pictures.category(i));
            g.fillOval(x + 6, cy - 4, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(groups.get(i), x + 20, cy + fm.getAscent() / 2 - 1);
        }
    }
}
