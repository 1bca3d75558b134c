package nextword.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nextword.data.Corpus;
import nextword.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Characters, words, loading by spec, saving, and the Hugging Face readers' refusals. */
class TokenizersTest {

    @TempDir
    Path dir;

    @Test
    void charactersOfTinyShakespeareAre65() throws IOException {
        Tokenizer chars = Tokenizers.load("char", TestCorpora.shared("data/tinyshakespeare.txt"), List.of());
        assertEquals(65, chars.vocabSize());
        assertEquals("\n", chars.piece(0));
        String s = "First Citizen:\nBefore we proceed";
        assertEquals(s, chars.decode(chars.encode(s)));
        var e = assertThrows(IllegalArgumentException.class, () -> chars.encode("café"));
        assertTrue(e.getMessage().contains("U+00E9"), e.getMessage());
        CharTokenizer emoji = CharTokenizer.of("a😀b");
        assertArrayEquals(new int[] {0, 2, 1}, emoji.encode("a😀b"));
    }

    @Test
    void wordsAreTheMostCommonPlusUnknown() throws IOException {
        Corpus c = Corpus.of("t", "the cat sat on the mat.\nThe cat's hat, well-known!\nthe cat end");
        WordTokenizer w = (WordTokenizer) Tokenizers.load("word:3", c, List.of());
        assertEquals(4, w.vocabSize());
        assertEquals(List.of("<unk>", "the", "\n", "cat"), w.words());
        assertEquals(List.of("The", "cat's", "hat", ",", "well-known", "!", "\n"), WordTokenizer.split("The cat's hat, well-known!\n"));
        int[] ids = w.encode("the dog and the cat");
        assertArrayEquals(new int[] {1, 0, 0, 1, 3}, ids);
        assertEquals("the <unk> <unk> the cat", w.decode(ids));
        WordTokenizer all = WordTokenizer.build(c, 100);
        assertEquals("the cat sat on the mat.\nThe cat's hat, well-known!\nthe cat end", all.decode(all.encode("the cat sat on the mat.\nThe cat's hat, well-known!\nthe cat end")));
    }

    @Test
    void saveAndLoadGiveTheSameTokenizer() throws IOException {
        Corpus c = TestCorpora.shared("data/tinyshakespeare.txt");
        for (Tokenizer t : List.of(Tokenizers.load("char", c, List.of()), Tokenizers.load("word:500", c, List.of()), BpeTrainerTest.smallTrained())) {
            Path d = dir.resolve(t.getClass().getSimpleName());
            Tokenizers.save(t, d);
            Tokenizer back = Tokenizers.load(d.toString());
            assertEquals(t.getClass(), back.getClass());
            assertEquals(Tokenizers.fingerprint(t), Tokenizers.fingerprint(back));
            assertArrayEquals(t.encode("KING RICHARD III:\nNow is the winter"), back.encode("KING RICHARD III:\nNow is the winter"));
        }
        assertNotEquals(Tokenizers.fingerprint(CharTokenizer.of("ab")), Tokenizers.fingerprint(CharTokenizer.of("abc")));
    }

    @Test
    void gpt2IsFoundInAModelFolderOrSharedDataAndTheSameEverywhere() throws IOException {
        // skips (or fails under CI) before anything looks for the files when ../shared is absent
        SharedData.require("data/gpt2");
        Path model = SharedData.require("reference/gpt2-tiny");
        ByteLevelBpe fromShared = (ByteLevelBpe) Tokenizers.load("gpt2");
        ByteLevelBpe fromModel = (ByteLevelBpe) Tokenizers.load("gpt2", null, List.of(model));
        ByteLevelBpe byPath = (ByteLevelBpe) Tokenizers.load(model.toString());
        assertEquals(Tokenizers.fingerprint(fromShared), Tokenizers.fingerprint(fromModel));
        assertEquals(Tokenizers.fingerprint(fromShared), Tokenizers.fingerprint(byPath));
        assertEquals(Tokenizers.fingerprint(fromShared), Tokenizers.fingerprint(Gpt2Files.gpt2()));
        // GPT-2 written as tokenizer.json reads back as the same tokenizer.
        HuggingFaceFiles.write(fromShared, dir);
        assertEquals(Tokenizers.fingerprint(fromShared), Tokenizers.fingerprint(HuggingFaceFiles.readTokenizerJson(dir.resolve("tokenizer.json"))));
        assertTrue(Files.readString(dir.resolve("merges.txt")).startsWith("#version: 0.2\nĠ t\n"));
    }

    @Test
    void badSpecsAndFilesGiveOneClearReason() throws IOException {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tokenizers.load("char")).getMessage().contains("corpus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tokenizers.load("word:x", Corpus.of("t", "a"), List.of())).getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tokenizers.load("nonsense")).getMessage().contains("gpt2, char"));
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 2}");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        assertTrue(assertThrows(IOException.class, () -> Tokenizers.load(dir.toString())).getMessage().contains("dense"));
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0,");
        assertTrue(assertThrows(IOException.class, () -> Tokenizers.load(dir.toString())).getMessage().contains("not valid JSON"));
        Files.delete(dir.resolve("vocab.json"));
        Files.delete(dir.resolve("merges.txt"));
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        assertTrue(assertThrows(IOException.class, () -> Tokenizers.load(dir.toString())).getMessage().contains("only BPE"));
        // A merge that names a token the vocabulary lacks.
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        Path d2 = dir.resolve("broken");
        HuggingFaceFiles.write(gpt2, d2);
        Files.writeString(d2.resolve("merges.txt"), "#version: 0.2\nĠ t\nzzzq Ġ\n");
        var e = assertThrows(IOException.class, () -> HuggingFaceFiles.read(d2.resolve("vocab.json"), d2.resolve("merges.txt")));
        assertTrue(e.getMessage().contains("merge 1"), e.getMessage());
    }
}
