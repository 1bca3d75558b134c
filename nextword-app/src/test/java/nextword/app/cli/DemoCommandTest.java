package nextword.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsBrieflyShowsTheTablesAndWritesTheReport() throws IOException {
        Path corpus = dir.resolve("text.txt");
        Files.writeString(corpus, "to be or not to be, that is the question.\n".repeat(300));
        Path out = dir.resolve("demo");
        TrainCommandTest.Run r = TrainCommandTest.run("demo", "--corpus", corpus.toString(), "--minutes", "0.03", "--preset", "tiny",
                "--batch", "2", "--seq", "16", "--tokens", "4", "--prompt", "to be", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("temperature 0 (always the likeliest)"), r.out());
        assertTrue(r.out().contains("temperature 0.8"), r.out());
        assertTrue(r.out().contains("%"), r.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("loss.png") && html.contains("temperature 0.8") && html.contains("class=\"chosen\""), html);
        assertTrue(Files.size(out.resolve("loss.png")) > 1000);
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        assertFalse(Files.exists(out.resolve(nextword.data.TokenFile.NAME)), "the demo removes its token file");
    }
}
