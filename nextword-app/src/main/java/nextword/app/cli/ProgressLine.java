package nextword.app.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One line of progress on stderr for long work: amount done of the total, rate, and time left. On a
 * terminal it rewrites itself twice a second; otherwise (a log, a pipe) it prints a new line every 10 s.
 */
final class ProgressLine {

    private static final int BAR = 20;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long last;
    private boolean printed;
    private int shownLength;

    ProgressLine(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** Reports bytes read of total (total ≤ 0: unknown) and how many of something ("tokens") came out (what null: nothing). */
    void bytes(long done, long total, long count, String what) {
        double s = seconds();
        String line = String.format("%s  %s%s  %.1f MB/s%s%s", label, mb(done), total > 0 ? "/" + mb(total) : "",
                done / 1e6 / s, what == null ? "" : "  " + human(count / s) + " " + what + "/s", eta(done, total, s));
        show(line, false);
    }

    /** Reports steps done of total steps. */
    void steps(long done, long total, String what) {
        double s = seconds();
        show(String.format("%s  %d/%d %s  %s %s/s%s", label, done, total, what, human(done / s), what, eta(done, total, s)), false);
    }

    /** A bar for done of total (total ≤ 0: no bar) followed by the caller's own status. */
    void status(long done, long total, String status) {
        String bar = "";
        if (total > 0) {
            int filled = (int) Math.round(Math.min(1.0, (double) done / total) * BAR);
            bar = "[" + "█".repeat(filled) + "·".repeat(BAR - filled) + "] ";
        }
        show(label + "  " + bar + status, false);
    }

    /** Prints a line of its own, above the progress line. */
    void message(String text) {
        if (terminal && shownLength > 0) err.print("\r" + " ".repeat(shownLength + 3) + "\r");
        shownLength = 0;
        err.println(text);
        err.flush();
        last = 0;
    }

    /** Ends the line (on a terminal, so the next output starts on its own line). */
    void done() {
        if (printed && terminal && shownLength > 0) err.println();
        shownLength = 0;
        err.flush();
    }

    private void show(String line, boolean force) {
        long now = System.nanoTime();
        long every = terminal ? 500_000_000L : 10_000_000_000L;
        if (!force && printed && now - last < every) return;
        if (!printed && now - start < 1_000_000_000L) return;
        last = now;
        printed = true;
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(3, shownLength - line.length() + 3)));
            shownLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    private double seconds() {
        return Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    static String human(double v) {
        if (v >= 1e6) return String.format("%.1fM", v / 1e6);
        if (v >= 1e3) return String.format("%.1fk", v / 1e3);
        return String.format("%.0f", v);
    }

    /** 95 s → "1:35", 4000 s → "1:06:40". */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String eta(long done, long total, double s) {
        if (total <= 0 || done <= 0 || done >= total) return "";
        long left = Math.round(s * (total - done) / done);
        return String.format("  ETA %d:%02d", left / 60, left % 60);
    }
}
