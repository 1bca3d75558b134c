package nextword.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import nextword.testing.SharedData;
import org.junit.jupiter.api.Test;

/** Our GPT-2 tokenizer against encodings made by OpenAI's algorithm (shared/data/gpt2/reference-encodings.jsonl). */
class Gpt2ReferenceTest {

    @Test
    void everyReferenceLineGivesTheSameIdsPiecesAndText() throws Exception {
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(SharedData.require("data/gpt2/reference-encodings.jsonl"));
        assertEquals(234, lines.size());
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            String text = row.get("text").asText();
            int[] expected = IntStream.range(0, row.get("ids").size()).map(i -> row.get("ids").get(i).asInt()).toArray();
            int[] ids = gpt2.encode(text);
            String where = "line " + row.get("id") + " (" + row.get("category").asText() + "): " + text;
            assertArrayEquals(expected, ids, where);
            for (int i = 0; i < ids.length; i++) assertEquals(row.get("pieces").get(i).asText(), gpt2.symbol(ids[i]), where);
            assertEquals(row.get("decoded").asText(), gpt2.decode(ids), where);
        }
    }

    @Test
    void helloWorldAnchor() {
        assertArrayEquals(new int[] {15496, 995}, Gpt2Files.gpt2().encode("Hello world"));
    }

    @Test
    void endOfTextIsSpecialAndPlainTextCannotProduceIt() {
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        assertEquals(50257, gpt2.vocabSize());
        assertEquals(Map.of("<|endoftext|>", 50256), gpt2.specialTokens());
        int[] ids = gpt2.encode("a<|endoftext|>b");
        assertFalse(IntStream.of(ids).anyMatch(id -> id == 50256));
        assertEquals("<|endoftext|>", gpt2.decode(new int[] {50256}));
        assertEquals("<|endoftext|>", gpt2.piece(50256));
    }

    @Test
    void piecesAreReadableAndHalfCharactersShowAsBytes() {
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        assertEquals(" world", gpt2.piece(995));
        assertEquals("Ġworld", gpt2.symbol(995));
        int[] ids = gpt2.encode("🤖");
        assertTrue(ids.length > 1);
        assertTrue(gpt2.piece(ids[0]).startsWith("\\xF0"), gpt2.piece(ids[0]));
        assertEquals("🤖", gpt2.decode(ids));
    }

    @Test
    void gpt2MergesAreOrderedSoLongPiecesMayUseTheHeap() {
        // A 3000-letter word goes through the heap merger; it must agree with the peer (and so with the scan).
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        var rng = new java.util.SplittableRandom(7);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 3000; i++) word.append((char) ('a' + rng.nextInt(26)));
        String text = word + " " + "ab".repeat(2000) + " " + "=".repeat(1000) + " " + "\u00e9".repeat(700);
        assertArrayEquals(Gpt2Files.jtokkit(text), gpt2.encode(text));
    }

    @Test
    void outOfRangeIdIsRefused() {
        ByteLevelBpe gpt2 = Gpt2Files.gpt2(); // outside the lambda: without ../shared this skips, not a wrong exception
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {50257}));
        assertTrue(e.getMessage().contains("50257"));
    }
}
