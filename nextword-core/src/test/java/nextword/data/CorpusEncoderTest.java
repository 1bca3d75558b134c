package nextword.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nextword.kernels.Parallel;
import nextword.testing.SharedData;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusEncoderTest {

    @TempDir
    Path dir;

    @Test
    void sameFileWhateverTheThreadCountAndTheSameIdsAsEncodingWhole() throws IOException {
        Tokenizer gpt2 = Tokenizers.load(SharedData.require("data/gpt2").toString());
        Corpus kjv = Corpus.open(SharedData.require("data/kjv.txt.gz"), null);
        int before = Parallel.threads();
        long[] progressCalls = {0};
        try {
            Parallel.setThreads(1);
            CorpusEncoder.Result one = CorpusEncoder.encode(kjv, gpt2, dir.resolve("one.bin"), 0.1, (d, t, n) -> progressCalls[0]++);
            Parallel.setThreads(2);
            CorpusEncoder.Result two = CorpusEncoder.encode(kjv, gpt2, dir.resolve("two.bin"), 0.1, null);
            assertEquals(one, two);
            assertArrayEquals(Files.readAllBytes(dir.resolve("one.bin")), Files.readAllBytes(dir.resolve("two.bin")));
            assertTrue(progressCalls[0] > 0);
            assertEquals(1, one.documents());
            assertEquals(4_404_412, one.bytes());
        } finally {
            Parallel.setThreads(before);
        }
        String whole = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(SharedData.require("data/kjv.txt.gz"))).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        int[] expected = gpt2.encode(whole);
        try (TokenFile f = TokenFile.open(dir.resolve("one.bin"))) {
            f.requireTokenizer(gpt2);
            assertEquals(expected.length, f.train().size() + f.validation().size());
            int[] got = new int[expected.length];
            f.train().read(0, got, 0, (int) f.train().size());
            f.validation().read(0, got, (int) f.train().size(), (int) f.validation().size());
            assertArrayEquals(expected, got);
            assertThrows(IllegalArgumentException.class, () -> f.requireTokenizer(nextword.tokenize.CharTokenizer.of("abc")));
        }
    }
}
