package nextword.lab.plot;

import java.awt.Color;

/**
 * The colours of tables of probabilities, which carry text in their cells: from near-white (0) through mid blue
 * to dark blue (1), with black or white text, whichever reads better. (Signed values and categories use
 * {@link Pictures#diverging} and {@link Pictures#category}.)
 */
public final class Palette {

    private static final Color LOW = new Color(250, 250, 255);
    private static final Color MIDDLE = new Color(90, 120, 220);
    private static final Color HIGH = new Color(20, 20, 90);

    private Palette() {}

    /** v in [0, 1] → near-white through mid blue to dark blue; values outside are clamped, NaN is grey. */
    public static Color blues(double v) {
        if (Double.isNaN(v)) return Color.GRAY;
        double t = Math.max(0, Math.min(1, v));
        return t < 0.5 ? mix(LOW, MIDDLE, 2 * t) : mix(MIDDLE, HIGH, 2 * t - 1);
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
