package nextword.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nextword.data.Corpus;
import nextword.kernels.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {

    private static ByteLevelBpe small;

    /** A 1000-token BPE trained on tiny Shakespeare, shared by the tests that need some trained tokenizer. */
    static synchronized ByteLevelBpe smallTrained() {
        if (small == null) {
            try {
                small = BpeTrainer.train(TestCorpora.shared("data/tinyshakespeare.txt"), 1000, null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return small;
    }

    private static List<String> mergesOf(ByteLevelBpe bpe) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < bpe.mergeCount(); r++) out.add(bpe.symbol(bpe.merge(r)[0]) + " " + bpe.symbol(bpe.merge(r)[1]));
        return out;
    }

    @Test
    void wikipediaExampleByHand() {
        // "aaabdaaabac": counts aa 4, ab 2, ... → merge a a. Then "aa a" and "a b" both occur twice; the tie
        // goes to the smaller ids: 'a'=64, 'b'=65 (GPT-2's byte order) beat aa=256, so a b. Then aa ab (twice).
        ByteLevelBpe bpe = BpeTrainer.train(Map.of("aaabdaaabac", 1L), 260, null);
        assertEquals(List.of("a a", "a b", "aa ab"), mergesOf(bpe));
        assertEquals(260, bpe.vocabSize());
        assertEquals(Map.of("<|endoftext|>", 259), bpe.specialTokens());
        assertEquals(List.of("aaab", "d", "aaab", "a", "c"), pieces(bpe, "aaabdaaabac"));
    }

    @Test
    void countsWeighPiecesAndSpacesBelongToTheWordAfter() throws Exception {
        // Pieces: "low"×1, " low"×4, " lower"×2, " newest"×6, " widest"×3 (GPT-2 gives the space to the word after).
        // Ids in GPT-2's byte order: d=67 e=68 i=72 l=75 n=77 o=78 r=81 s=82 t=83 w=86, space (Ġ)=220.
        // By hand: e s 9 and s t 9 tie → smaller pair (68,82) "e s" wins. Then "es t" 9 (s t fell to 0).
        // Then l o 7 and o w 7 tie → (75,78) "l o"; then "lo w" 7. Now w e is only 2 (newest's e went into es),
        // and five pairs have 6: Ġ low (220,259), Ġ n (220,77), n e (77,68), e w (68,86), w est (86,257) → "e w".
        String text = "low low low low low lower lower newest newest newest newest newest newest widest widest widest";
        ByteLevelBpe bpe = BpeTrainer.train(BpeTrainer.countPieces(Corpus.of("t", text), null), 257 + 5, null);
        assertEquals(List.of("e s", "es t", "l o", "lo w", "e w"), mergesOf(bpe));
        assertEquals(List.of(" ", "n", "ew", "est"), pieces(bpe, " newest"));
    }

    private static List<String> pieces(ByteLevelBpe bpe, String text) {
        List<String> out = new ArrayList<>();
        for (int id : bpe.encode(text)) out.add(bpe.piece(id));
        return out;
    }

    @Test
    void deterministicWhateverTheThreadCount() throws Exception {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            ByteLevelBpe one = BpeTrainer.train(TestCorpora.shared("data/kjv.txt.gz"), 600, null);
            Parallel.setThreads(2);
            ByteLevelBpe two = BpeTrainer.train(TestCorpora.shared("data/kjv.txt.gz"), 600, null);
            assertEquals(mergesOf(one), mergesOf(two));
            assertEquals(Tokenizers.fingerprint(one), Tokenizers.fingerprint(two));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void trainedTokenizerCompressesAndSurvivesHuggingFaceFiles(@TempDir Path dir) throws Exception {
        ByteLevelBpe bpe = smallTrained();
        assertEquals(1000, bpe.vocabSize());
        String sample = "ROMEO:\nBut soft, what light through yonder window breaks?";
        int[] ids = bpe.encode(sample);
        assertTrue(ids.length < sample.length() / 2, ids.length + " tokens");
        HuggingFaceFiles.write(bpe, dir);
        ByteLevelBpe fromPair = HuggingFaceFiles.read(dir.resolve("vocab.json"), dir.resolve("merges.txt"));
        ByteLevelBpe fromJson = HuggingFaceFiles.readTokenizerJson(dir.resolve("tokenizer.json"));
        for (ByteLevelBpe back : List.of(fromPair, fromJson)) {
            assertEquals(Tokenizers.fingerprint(bpe), Tokenizers.fingerprint(back));
            assertArrayEquals(ids, back.encode(sample));
        }
    }

    @Test
    void stopsWhenNoPairIsLeft() {
        ByteLevelBpe bpe = BpeTrainer.train(Map.of("ab", 3L), 300, null);
        assertEquals(List.of("a b"), mergesOf(bpe));
        assertEquals(258, bpe.vocabSize());
    }

    @Test
    void refusesTooSmallAVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train(Map.of("ab", 1L), 256, null));
    }
}
