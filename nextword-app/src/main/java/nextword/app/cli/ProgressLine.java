package nextword.app.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One status line on stderr that rewrites itself in place (a progress bar with numbers), at most a few
 * times a second. When stderr is not a terminal it prints a plain line every few seconds instead, so logs
 * stay readable.
 */
final class ProgressLine {

    private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
    private static final long PIPE_EVERY_NANOS = 10_000_000_000L;
    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastNanos;
    private int lastLength;

    ProgressLine(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null && System.console().isTerminal();
    }

    /** Shows done/total with the rest of the status; forced updates ignore the rate limit. */
    void show(long done, long total, String status, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : PIPE_EVERY_NANOS)) return;
        lastNanos = now;
        double f = total > 0 ? Math.min(1, (double) done / total) : 0;
        int filled = (int) Math.round(f * BAR);
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%% %s", "█".repeat(filled), "·".repeat(BAR - filled), 100 * f, status);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the line so later output starts on a fresh one. */
    void finish() {
        if (terminal && lastLength > 0) err.println();
        lastLength = 0;
    }

    /** Prints a message above the status line. */
    void message(String text) {
        if (terminal && lastLength > 0) err.print("\r" + " ".repeat(lastLength) + "\r");
        lastLength = 0;
        err.println(text);
        lastNanos = 0;
    }

    /** 95 s → "1:35", 4000 s → "1:06:40". */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
