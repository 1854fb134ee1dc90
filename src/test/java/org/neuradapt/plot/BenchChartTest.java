package org.neuradapt.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark figure is written as a real PNG and SVG, also when a case has no PyTorch time. */
class BenchChartTest {
    @TempDir Path tmp;

    @Test
    void writesPngAndSvgWithAMissingReferenceTime() throws Exception {
        List<BenchChart.Row> rows = List.of(new BenchChart.Row("a 1/2/3/4", 0.1, 0.5), new BenchChart.Row("b 1/2/3/4", 30, Double.NaN));
        var chart = BenchChart.build(rows);
        assertEquals(2, chart.getSeriesCollection().size());
        Figures.save(chart, tmp.resolve("bench"));
        BufferedImage png = ImageIO.read(tmp.resolve("bench.png").toFile());
        assertTrue(png.getWidth() > 1000 && png.getHeight() > 500, png.getWidth() + "x" + png.getHeight());
        String svg = Files.readString(tmp.resolve("bench.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("viewBox=\"0 0 " + chart.getWidth() + " " + chart.getHeight() + "\""),
                "an SVG of the chart's size");
        // many cases: the chart widens so that XChart keeps every category label
        List<BenchChart.Row> many = java.util.stream.IntStream.range(0, 12).mapToObj(i -> new BenchChart.Row("case " + i, 1, 2)).toList();
        assertTrue(BenchChart.build(many).getWidth() >= 12 * 150, "width for 12 cases");
        // text is drawn as glyph outlines: count drawn shapes (bars, axes, glyphs) instead
        assertTrue(svg.split("<path|<rect").length > 50, "the SVG draws the chart");
    }
}
