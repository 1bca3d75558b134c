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
    void equallySpacedDataStillGetsRoundTicks() {
        // XChart ticks every few data values when they are equally spaced; a hidden series stops that
        double[] x = nextword.lab.Grids.linspace(-4, 4, 81);
        var chart = Charts.lines("t", "x", "y", List.of(new Charts.Series("s", x, x)), false);
        assertEquals(2, chart.getSeriesMap().size());
        assertTrue(chart.getSeriesMap().values().stream().filter(s -> !s.isShowInLegend()).count() == 1, "the helper series is not in the legend");
    }

    @Test
    void picturesAreWrittenAtomicallyAndGridsHoldEveryTile() throws Exception {
        var tile = Pictures.grey(new float[] {0, 0.5f, 1, 0}, 0, 2, 2, 10);
        assertEquals(20, tile.getWidth());
        assertEquals(0xffffff, tile.getRGB(0, 0) & 0xffffff, "0 is white paper");
        assertEquals(0, tile.getRGB(0, 10) & 0xffffff, "1 is black ink");
        var grid = Pictures.grid("title", List.of(tile, tile, tile), List.of("a", "b\nc", "d"), 2);
        Path png = Pictures.save(grid, dir.resolve("g/grid.png"));
        assertEquals(grid.getWidth(), ImageIO.read(png.toFile()).getWidth());
        try (var files = Files.list(dir.resolve("g"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void plotAreaMapsTheDataRectangleOntoPixels() {
        var area = new PlotArea("t", "x", "y", -1, 1, 0, 10, 100, 50, 0);
        assertEquals(area.px(-1) + 100, area.px(1), 1e-9);
        assertTrue(area.py(10) < area.py(0), "up is larger y");
        float[] xy = area.pixelCentres();
        assertEquals(2 * 100 * 50, xy.length);
        assertEquals(-1 + 0.01, xy[0], 1e-6);
        assertEquals(10 - 0.1, xy[1], 1e-5);
    }

    @Test
    void ticksAreRoundNumbers() {
        assertEquals(List.of(-4.0, -2.0, 0.0, 2.0, 4.0), Ticks.of(-4, 4, 5));
        assertEquals("0.25", Ticks.format(0.25));
        assertEquals("3", Ticks.format(3.0));
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Charts.Series("bad", new double[2], new double[3]));
    }
}
