package nextword.lab.plot;

import java.awt.Color;

/**
 * A function of two variables drawn as a contour map: colour bands between levels, painted from values on a
 * grid, and the level lines themselves traced cell by cell (marching squares).
 */
public final class Contours {

    private Contours() {}

    /**
     * Paints area with bands of z (z[i][j] at the area's grid point: row i ↔ y, column j ↔ x), darker for
     * lower values, and draws the level lines over them.
     */
    public static void draw(PlotArea area, double[][] z, double[] levels) {
        int n = z.length;
        area.paint((x, y) -> {
            double v = bilinear(area, z, x, y);
            int band = 0;
            while (band < levels.length && v > levels[band]) band++;
            return Pictures.sequential((double) band / levels.length).getRGB() & 0xffffff;
        });
        Color line = new Color(255, 255, 255, 150);
        for (double level : levels) {
            for (int i = 0; i + 1 < n; i++) {
                for (int j = 0; j + 1 < n; j++) cell(area, z, i, j, level, line);
            }
        }
    }

    /** z interpolated between the four grid points around (x, y). */
    static double bilinear(PlotArea area, double[][] z, double x, double y) {
        int n = z.length;
        double u = (x - area.xAt(0, n)) / (area.xAt(n - 1, n) - area.xAt(0, n)) * (n - 1);
        double v = (y - area.yAt(0, n)) / (area.yAt(n - 1, n) - area.yAt(0, n)) * (n - 1);
        int j = Math.clamp((int) Math.floor(u), 0, n - 2);
        int i = Math.clamp((int) Math.floor(v), 0, n - 2);
        double fu = Math.clamp(u - j, 0, 1);
        double fv = Math.clamp(v - i, 0, 1);
        return (1 - fv) * ((1 - fu) * z[i][j] + fu * z[i][j + 1]) + fv * ((1 - fu) * z[i + 1][j] + fu * z[i + 1][j + 1]);
    }

    /** The level line's pieces inside one grid cell, from where it crosses the cell's edges. */
    private static void cell(PlotArea area, double[][] z, int i, int j, double level, Color colour) {
        int n = z.length;
        double x0 = area.xAt(j, n);
        double x1 = area.xAt(j + 1, n);
        double y0 = area.yAt(i, n);
        double y1 = area.yAt(i + 1, n);
        double a = z[i][j];          // (x0, y0)
        double b = z[i][j + 1];      // (x1, y0)
        double c = z[i + 1][j + 1];  // (x1, y1)
        double d = z[i + 1][j];      // (x0, y1)
        // crossings on the four edges, in order bottom, right, top, left (NaN where the edge is not crossed)
        double[][] p = {
                crossing(a, b, level, x0, y0, x1, y0), crossing(b, c, level, x1, y0, x1, y1),
                crossing(d, c, level, x0, y1, x1, y1), crossing(a, d, level, x0, y0, x0, y1)};
        int crossed = 0;
        for (double[] q : p) if (q != null) crossed++;
        if (crossed == 2) {
            double[] s = null;
            for (double[] q : p) {
                if (q == null) continue;
                if (s == null) s = q;
                else area.line(new double[] {s[0], q[0]}, new double[] {s[1], q[1]}, colour, 1f);
            }
        } else if (crossed == 4) {
            // a saddle: pair the crossings so that the cell's centre stays on its own side
            boolean centreAbove = (a + b + c + d) / 4 > level;
            boolean aAbove = a > level;
            int[][] pairs = centreAbove == aAbove ? new int[][] {{0, 1}, {2, 3}} : new int[][] {{0, 3}, {1, 2}};
            for (int[] pr : pairs) {
                area.line(new double[] {p[pr[0]][0], p[pr[1]][0]}, new double[] {p[pr[0]][1], p[pr[1]][1]}, colour, 1f);
            }
        }
    }

    private static double[] crossing(double v0, double v1, double level, double xa, double ya, double xb, double yb) {
        if ((v0 > level) == (v1 > level)) return null;
        double t = (level - v0) / (v1 - v0);
        return new double[] {xa + t * (xb - xa), ya + t * (yb - ya)};
    }
}
