package nextword.tokenize;

import java.util.Map;

/**
 * Turns text into token ids and back: the first step of every model in the essay. Implementations:
 * characters, words, and GPT-2's byte-level BPE. A tokenizer is immutable and safe to share between threads.
 */
public interface Tokenizer {

    /** The ids of text's tokens. Plain text never produces a special token (see {@link #specialTokens()}). */
    int[] encode(String text);

    /** The text the ids stand for. For lossless tokenizers decode(encode(x)) equals x. */
    String decode(int[] ids);

    /** How many distinct ids there are: every id is in [0, vocabSize()). */
    int vocabSize();

    /** The text of one token, as a person would read it (for tables and pictures). */
    String piece(int id);

    /**
     * Tokens that only a program can insert, such as GPT-2's {@code <|endoftext|>} between documents:
     * their text, when it occurs in plain text, is encoded as ordinary characters.
     */
    default Map<String, Integer> specialTokens() {
        return Map.of();
    }
}
