package nextword.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import nextword.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our GPT-2 encoder against jtokkit's r50k_base (GPT-2's vocabulary, another implementation) over whole
 * corpora: every chunk must give identical ids, and the ids must decode back to the chunk.
 */
class Gpt2CorpusTest {

    static Stream<String> corpora() {
        return Stream.of("data/tinyshakespeare.txt", "data/brown.txt.gz", "data/kjv.txt.gz", "data/fortunes.txt.gz", "jdk");
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void identicalIdsToJtokkit(String name) {
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        var corpus = name.equals("jdk") ? TestCorpora.jdkSubset() : TestCorpora.shared(name);
        long tokens = 0;
        for (String chunk : TestCorpora.chunks(corpus)) {
            int[] ours = gpt2.encode(chunk);
            assertArrayEquals(Gpt2Files.jtokkit(chunk), ours, name);
            assertEquals(chunk, gpt2.decode(ours), name);
            tokens += ours.length;
        }
        assertEquals(true, tokens > 200_000, name + ": " + tokens);
    }

    @Test
    void chunkByChunkEqualsTheWholeText() throws Exception {
        // tiny Shakespeare is longer than one chunk, so the reader cuts it once: the cut must not change a token.
        String whole = java.nio.file.Files.readString(SharedData.require("data/tinyshakespeare.txt"));
        var chunks = TestCorpora.chunks(TestCorpora.shared("data/tinyshakespeare.txt"));
        assertEquals(2, chunks.size());
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        int[] a = gpt2.encode(chunks.get(0)), b = gpt2.encode(chunks.get(1));
        int[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        assertArrayEquals(gpt2.encode(whole), joined);
    }
}
