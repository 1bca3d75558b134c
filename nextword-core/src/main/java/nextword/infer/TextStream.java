package nextword.infer;

import java.util.Arrays;
import nextword.tokenize.Tokenizer;

/**
 * Turns tokens into text as they come. A byte-level token can be part of a character (an emoji spans
 * several tokens), so tokens whose text ends in an incomplete character are held until it completes.
 */
final class TextStream {

    /** Tokens held at most: a character is at most 4 bytes, so 4 tokens always complete one or never will. */
    private static final int MAX_HELD = 4;

    private final Tokenizer tokenizer;
    private final int[] held = new int[MAX_HELD];
    private int count;

    TextStream(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds a token and returns the text that is now complete ("" while a character is incomplete). */
    String push(int id) {
        held[count++] = id;
        String s = tokenizer.decode(Arrays.copyOf(held, count));
        if (s.endsWith("\uFFFD") && count < MAX_HELD) return "";
        count = 0;
        return s;
    }

    /** Whatever is held, decoded as it is. */
    String flush() {
        if (count == 0) return "";
        String s = tokenizer.decode(Arrays.copyOf(held, count));
        count = 0;
        return s;
    }
}
