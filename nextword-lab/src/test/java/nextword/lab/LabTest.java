package nextword.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTest {

    @TempDir
    Path dir;

    @Test
    void experimentsHaveUniqueNamesAndOneSentenceDescriptions() {
        List<String> names = Lab.names();
        assertEquals(List.of("fit", "attractors", "neuron", "function", "landscape", "digits", "bits", "embeddings", "inside-gpt", "parens"), names);
        for (Experiment e : Lab.experiments()) assertTrue(e.description().endsWith("."), e.name());
        var err = assertThrows(IllegalArgumentException.class, () -> Lab.find("nope"));
        assertTrue(err.getMessage().contains("attractors"), err.getMessage());
    }

    @Test
    void aRunWritesItsNumbersAsJson() throws Exception {
        Lab.Run run = Lab.run(Lab.find("fit"), new LabContext(dir, true, 7, dir.resolve("no-mnist"), s -> {}));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("fit/numbers.json").toFile());
        assertEquals("fit", json.get("experiment").asText());
        assertEquals(7, json.get("seed").asInt());
        assertEquals(run.result().number("overfit held-out rms error (s)"), json.get("numbers").get("overfit held-out rms error (s)").asDouble(), 1e-12);
        assertEquals(2, json.get("figures").size());
        try (var files = Files.list(dir.resolve("fit"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void theSameSeedGivesTheSameNumbers() throws Exception {
        LabContext a = new LabContext(dir.resolve("a"), true, 3, dir, s -> {});
        LabContext b = new LabContext(dir.resolve("b"), true, 3, dir, s -> {});
        assertEquals(Lab.run(Lab.find("landscape"), a).result().numbers(), Lab.run(Lab.find("landscape"), b).result().numbers());
        assertEquals(Lab.run(Lab.find("fit"), a).result().numbers(), Lab.run(Lab.find("fit"), b).result().numbers());
    }

    @Test
    void mnistMissingIsOneClearLine() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Lab.run(Lab.find("digits"), new LabContext(dir, true, 1, dir.resolve("nowhere"), s -> {})));
        assertTrue(e.getMessage().startsWith("MNIST not found"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void thePageShowsEveryFigureBesideItsSentenceAndEscapesText() throws Exception {
        Path png = dir.resolve("x/pic.png");
        Files.createDirectories(png.getParent());
        Files.write(png, new byte[] {1});
        Result r = new Result().number("accuracy <of> things", 0.98765).figure(png, "A picture & its \"caption\".");
        Experiment fake = new Experiment("x", "A fake experiment.") {
            @Override
            public Result run(LabContext context) {
                return r;
            }
        };
        Path page = LabPage.write(dir.resolve("index.html"), List.of(new Lab.Run(fake, r, 1.5)), new LabContext(dir, false, 1, dir, s -> {}));
        String html = Files.readString(page);
        assertTrue(html.contains("<img src=\"x/pic.png\""), html);
        assertTrue(html.contains("<figcaption>A picture &amp; its &quot;caption&quot;.</figcaption>"), html);
        assertTrue(html.contains("accuracy &lt;of&gt; things</td><td class=\"v\">0.9877"), html);
    }
}
