package nextword.lab.plot;

import java.awt.Color;

/**
 * Colours for numbers and for categories. Signed values (weights, embeddings) use a diverging map, blue for
 * negative, white for zero, red for positive, so that the sign reads at a glance; non-negative values
 * (probabilities) go from white to dark blue.
 */
public final class Palette {

    /** Distinguishable colours for categories (groups of points, lines), repeated when there are more groups. */
    private static final Color[] CATEGORIES = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207),
    };

    private static final Color NEGATIVE = new Color(33, 102, 172);
    private static final Color POSITIVE = new Color(178, 24, 43);
    private static final Color HIGH = new Color(20, 20, 90);
    private static final Color MIDDLE = new Color(90, 120, 220);

    private Palette() {}

    /** The colour of category i. */
    public static Color category(int i) {
        return CATEGORIES[Math.floorMod(i, CATEGORIES.length)];
    }

    /** v in [−1, 1] → blue (−1) through white (0) to red (1); values outside are clamped. */
    public static Color diverging(double v) {
        if (Double.isNaN(v)) return Color.GRAY;
        double t = Math.max(-1, Math.min(1, v));
        return t < 0 ? mix(Color.WHITE, NEGATIVE, -t) : mix(Color.WHITE, POSITIVE, t);
    }

    /** v in [0, 1] → white (0) through mid blue to dark blue (1); values outside are clamped. */
    public static Color sequential(double v) {
        if (Double.isNaN(v)) return Color.GRAY;
        double t = Math.max(0, Math.min(1, v));
        return t < 0.5 ? mix(new Color(250, 250, 255), MIDDLE, 2 * t) : mix(MIDDLE, HIGH, 2 * t - 1);
    }

    /** Black or white, whichever reads better on background. */
    public static Color textOn(Color background) {
        double luminance = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luminance > 140 ? Color.BLACK : Color.WHITE;
    }

    /** The colour a fraction t of the way from a to b. */
    public static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
