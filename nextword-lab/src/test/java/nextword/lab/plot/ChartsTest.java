package nextword.lab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfChartBecomesAReadablePng() throws Exception {
        double[] x = {0, 1, 2, 3};
        var charts = List.of(
                Charts.lines("loss", "step", "loss", List.of(new Charts.Series("train", x, new double[] {4, 3, 2.5, 2.2})), true),
                Charts.scatter("points", "x", "y", List.of(new Charts.Series("a", x, x))),
                Charts.bars("p", "token", "probability", List.of("a", "b"), List.of(0.7, 0.3)),
                Charts.heatmap("att", List.of("x", "y"), List.of("r0", "r1"), new double[][] {{1, 0}, {0.5, 0.5}}));
        int i = 0;
        for (var chart : charts) {
            Path png = Charts.savePng(chart, dir.resolve("sub/c" + i++ + ".png"));
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(900, img.getWidth());
            assertTrue(Files.size(png) > 1000);
        }
        try (var files = Files.list(dir.resolve("sub"))) {
            assertEquals(4, files.count(), "no temp files are left behind");
        }
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Charts.Series("bad", new double[2], new double[3]));
    }
}
