package nextword.tokenize;

/**
 * Turns text into token ids and back: the first step of every model in the essay. Implementations:
 * characters, words, and GPT-2's byte-level BPE. A tokenizer is immutable and safe to share between threads.
 */
public interface Tokenizer {

    /** The ids of text's tokens. */
    int[] encode(String text);

    /** The text the ids stand for. For lossless tokenizers decode(encode(x)) equals x. */
    String decode(int[] ids);

    /** How many distinct ids there are: every id is in [0, vocabSize()). */
    int vocabSize();

    /** The text of one token, as a person would read it (for tables and pictures). */
    String piece(int id);
}
