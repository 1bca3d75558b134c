package nextword.infer;

import java.util.List;

/**
 * Watches generated text for stop strings. Text that might be the start of one is held back until the next
 * piece shows whether it is, so a stream never shows part of a stop string it then has to take back.
 */
final class StopStrings {

    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    StopStrings(List<String> stops) {
        this.stops = stops;
    }

    /** Adds a piece of text and returns what can be shown now: everything before a stop string once one appears. */
    String push(String text) {
        if (stopped) return "";
        held.append(text);
        int at = -1;
        for (String s : stops) {
            int i = held.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }
        if (at >= 0) {
            stopped = true;
            String out = held.substring(0, at);
            held.setLength(0);
            return out;
        }
        int keep = longestSuffixStartingAStop();
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    /** Whether a stop string has appeared. */
    boolean stopped() {
        return stopped;
    }

    /** The text still held back (at the end of generation it turned out not to be a stop string). */
    String flush() {
        String out = held.toString();
        held.setLength(0);
        return out;
    }

    /** The length of the longest end of the held text that is a proper beginning of some stop string. */
    private int longestSuffixStartingAStop() {
        int best = 0;
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, held.length()); len > best; len--) {
                if (held.substring(held.length() - len).equals(s.substring(0, len))) {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }
}
