package nextword.lab.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures nextword draws, as PNG: lines (loss curves), bars (probabilities), heatmaps (attention,
 * 2-gram tables) and scatters (embeddings). A thin layer over XChart so every picture looks alike.
 */
public final class Charts {

    /** One named line or point set. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Charts() {}

    /** Lines through each series' points; logY for losses that span decades. */
    public static XYChart lines(String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Series s : series) chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.NONE);
        return roundTicks(chart, series);
    }

    /** Unconnected points, one colour per series (e.g. embeddings projected to 2-D, grouped by class). */
    public static XYChart scatter(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        for (Series s : series) chart.addSeries(s.name(), s.x(), s.y());
        return roundTicks(chart, series);
    }

    /**
     * XChart puts the ticks on the data's own values when they are equally spaced (as sampled curves and step
     * counts are), giving dozens of odd ticks like −3.7, −3.4… An invisible pair of points off that spacing
     * sends it back to round ticks (1, 2, 5 × 10ᵏ).
     */
    private static XYChart roundTicks(XYChart chart, List<Series> series) {
        if (series.isEmpty() || series.getFirst().x().length == 0) return chart;
        Series first = series.getFirst();
        double x = first.x()[0];
        double y = first.y()[0];
        XYSeries ghost = chart.addSeries("\u0000ticks", new double[] {x, x + 1e-7 * Math.PI * span(first.x())},
                new double[] {y, y + 1e-7 * Math.PI * span(first.y())});
        ghost.setShowInLegend(false);
        ghost.setMarker(SeriesMarkers.NONE);
        ghost.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
        return chart;
    }

    private static double span(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return hi > lo ? hi - lo : 1;
    }

    /** Adds unconnected points of one colour to a chart (measurements beside the curves fitted to them). */
    public static XYChart withPoints(XYChart chart, Series points, Color colour) {
        XYSeries s = chart.addSeries(points.name(), points.x(), points.y());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        return chart;
    }

    /** Fixes the y axis to [min, max], so a wild curve cannot squash the rest (XChart clips what lies outside). */
    public static XYChart yRange(XYChart chart, double min, double max) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
        return chart;
    }

    /** Bars, one per category (e.g. next-token probabilities, letter frequencies). */
    public static CategoryChart bars(String title, String xLabel, String yLabel, List<String> categories, List<Double> values) {
        if (categories.size() != values.size()) throw new IllegalArgumentException("bars: " + categories.size() + " categories but " + values.size() + " values");
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 12 ? 90 : 0);
        chart.addSeries(yLabel, categories, values);
        return chart;
    }

    /** A heatmap of values[row][column], rows drawn top to bottom, labelled by rowLabels and columnLabels. */
    public static HeatMapChart heatmap(String title, List<String> columnLabels, List<String> rowLabels, double[][] values) {
        if (values.length != rowLabels.size()) throw new IllegalArgumentException("heatmap: " + values.length + " rows but " + rowLabels.size() + " row labels");
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        style(chart.getStyler());
        chart.getStyler().setRangeColors(new Color[] {new Color(250, 250, 255), new Color(90, 120, 220), new Color(20, 20, 90)});
        chart.getStyler().setXAxisLabelRotation(columnLabels.size() > 12 ? 90 : 0);
        // XChart draws the first y category at the bottom; reverse so row 0 is on top, as in a table.
        int rows = values.length;
        List<String> ys = new java.util.ArrayList<>(rowLabels);
        java.util.Collections.reverse(ys);
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) {
            if (values[r].length != columnLabels.size()) throw new IllegalArgumentException("heatmap: row " + r + " has " + values[r].length + " values for " + columnLabels.size() + " columns");
            for (int c = 0; c < values[r].length; c++) cells.add(new Number[] {c, rows - 1 - r, values[r][c]});
        }
        chart.addSeries(title, columnLabels, ys, cells);
        return chart;
    }

    /** The chart drawn into an image, to place it among other pictures (a {@link Grid}). */
    public static java.awt.image.BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the chart as PNG atomically (temp file, then rename), creating parent folders. */
    public static Path savePng(Chart<?, ?> chart, Path out) {
        return AtomicFile.write(out, os -> BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        // Heatmaps keep their colour scale outside, on the right (XChart refuses inside positions for them).
        s.setLegendPosition(s instanceof org.knowm.xchart.style.HeatMapStyler ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
    }
}
