package nextword.lab.plot;

import java.util.ArrayList;
import java.util.List;

/** Round numbers to put along an axis, and how to print them. */
final class Ticks {

    private Ticks() {}

    /** About count round values (steps of 1, 2 or 5 × 10^k) within [lo, hi]. */
    static List<Double> of(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) break;
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        return ticks;
    }

    /** A short label: integers without decimals, others with up to 3 significant digits. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
        String s = String.format("%.3g", v);
        if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
