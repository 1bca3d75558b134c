package nextword.lab.parens;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import nextword.tokenize.CharTokenizer;
import nextword.tokenize.Tokenizer;

/**
 * The essay's toy language: balanced parentheses, each sequence followed by an end token. Three tokens:
 * "(" (id 0), ")" (id 1) and end, written "." (id 2). A sequence is balanced when no prefix closes more than it
 * opened and the whole closes all it opened; its depth is the most parentheses open at once.
 */
public final class Parens {

    public static final int OPEN = 0;
    public static final int CLOSE = 1;
    public static final int END = 2;
    /** The end token as text. */
    public static final String END_TEXT = ".";

    private static final Tokenizer TOKENIZER = CharTokenizer.of("()" + END_TEXT);

    private Parens() {}

    /** The three-token tokenizer: "(" → 0, ")" → 1, "." → 2 (saved with the models, so other commands can read them). */
    public static Tokenizer tokenizer() {
        return TOKENIZER;
    }

    /** The ids of a text of parentheses (and end dots). */
    public static int[] encode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("()".indexOf(text.charAt(i)) < 0 && !END_TEXT.equals(String.valueOf(text.charAt(i)))) {
                throw new IllegalArgumentException("'" + text + "' may only hold '(', ')' and '" + END_TEXT + "'");
            }
        }
        return TOKENIZER.encode(text);
    }

    public static String decode(int[] ids) {
        return TOKENIZER.decode(ids);
    }

    /**
     * A random balanced sequence of exactly length tokens (even) that never nests deeper than maxDepth. At each
     * step it opens with probability openChance when both opening and closing keep the sequence completable.
     */
    public static int[] random(RandomGenerator random, int length, int maxDepth, double openChance) {
        if (length < 2 || length % 2 != 0 || maxDepth < 1) throw new IllegalArgumentException("need an even length >= 2 and depth >= 1");
        int[] s = new int[length];
        int depth = 0;
        for (int i = 0; i < length; i++) {
            int left = length - i;
            boolean canOpen = depth < maxDepth && depth + 1 <= left - 1;
            boolean canClose = depth > 0;
            boolean open = canOpen && (!canClose || random.nextDouble() < openChance);
            s[i] = open ? OPEN : CLOSE;
            depth += open ? 1 : -1;
        }
        return s;
    }

    /** Whether ids (without an end token) are balanced. */
    public static boolean balanced(int[] ids) {
        int depth = 0;
        for (int id : ids) {
            if (id == OPEN) depth++;
            else if (id == CLOSE && --depth < 0) return false;
            else if (id != OPEN && id != CLOSE) return false;
        }
        return depth == 0;
    }

    /** The most parentheses open at once. */
    public static int depth(int[] ids) {
        int depth = 0, max = 0;
        for (int id : ids) {
            depth += id == OPEN ? 1 : id == CLOSE ? -1 : 0;
            max = Math.max(max, depth);
        }
        return max;
    }

    /** What correctly follows prefix + depth × "(": depth × ")" then end (when prefix is balanced). */
    public static int[] closing(int depth) {
        int[] c = new int[depth + 1];
        Arrays.fill(c, 0, depth, CLOSE);
        c[depth] = END;
        return c;
    }
}
