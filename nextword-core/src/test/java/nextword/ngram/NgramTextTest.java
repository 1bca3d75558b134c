package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nextword.data.Corpus;
import nextword.ngram.NgramText.Alphabet;
import nextword.ngram.NgramText.Options;
import nextword.ngram.NgramText.Split;
import nextword.ngram.NgramText.Unit;
import nextword.tokenize.Tokenizer;
import org.junit.jupiter.api.Test;

class NgramTextTest {

    static final String TEXT = "The Cat sat.\nOn the mat!\n\nQuick, quiet: queue.\nLast line";

    @Test
    void theEssaysAlphabets() {
        assertEquals("thecatsatonthemat", Alphabet.LETTERS.apply("The Cat sat.\nOn the mat!"));
        assertEquals("the cat sat on the mat ", Alphabet.LETTERS_AND_SPACE.apply("The  Cat sat.\nOn the mat!"));
        assertEquals("Ça va?", Alphabet.ALL.apply("Ça va?"));
    }

    @Test
    void wordsAreLowerCasedLinesAndTheLastLinesAreHeldOut() throws Exception {
        Options words = new Options(Unit.WORD, Alphabet.ALL, true, 0.25);
        List<NgramText.Segment> s = NgramText.read(Corpus.of("t", TEXT), words, w -> {});
        // Five lines, one blank: the last 25% (1.25 → 1 line) is held out; the blank line is dropped.
        assertEquals(List.of("the cat sat.", "on the mat!", "quick, quiet: queue."), NgramText.select(s, Split.TRAIN));
        assertEquals(List.of("last line"), NgramText.select(s, Split.HELDOUT));
        assertEquals(4, NgramText.select(s, Split.ALL).size());
        assertEquals("last line".length() + 1, NgramText.characters(NgramText.select(s, Split.HELDOUT)));
        Tokenizer t = NgramText.tokenizer(words, s, Split.TRAIN, 100);
        assertEquals(0, t.encode("line")[0], "a held-out-only word is unknown (id 0)");
        assertEquals("the", t.piece(t.encode("the")[0]));
    }

    @Test
    void lettersAreDocumentsCutAtTheHeldOutLine() throws Exception {
        Options letters = new Options(Unit.LETTER, Alphabet.LETTERS_AND_SPACE, false, 0.25);
        List<NgramText.Segment> s = NgramText.read(Corpus.of("t", TEXT), letters, w -> {});
        assertEquals(List.of("the cat sat on the mat quick quiet queue "), NgramText.select(s, Split.TRAIN));
        assertEquals(List.of("last line "), NgramText.select(s, Split.HELDOUT));
        assertEquals(List.of("the cat sat on the mat quick quiet queue last line "), NgramText.select(s, Split.ALL), "all: one document again");
        Tokenizer t = NgramText.tokenizer(letters, s, Split.TRAIN, 1);
        assertEquals(" acehiklmnoqstu".length(), t.vocabSize(), "every letter of either part, and space");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Options(Unit.WORD, Alphabet.LETTERS, true, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Options(Unit.LETTER, Alphabet.ALL, true, 1.5));
    }
}
