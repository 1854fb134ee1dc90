package org.neuradapt.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.neuradapt.analysis.Heterogeneity;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.analysis.TrainingCurves;

/** The result figures are real PNG and SVG files of the expected size, with the series they should have. */
class ResultChartsTest {
    @TempDir Path tmp;

    static void assertWritten(XYChart chart, Path base) throws Exception {
        Figures.save(chart, base);
        BufferedImage png = ImageIO.read(base.resolveSibling(base.getFileName() + ".png").toFile());
        // 1000 x 700 points at 150 DPI
        assertEquals(2083, png.getWidth());
        assertEquals(1458, png.getHeight());
        String svg = Files.readString(base.resolveSibling(base.getFileName() + ".svg"));
        assertTrue(svg.contains("viewBox=\"0 0 1000 700\""), "an SVG of the chart's size");
        assertTrue(svg.split("<path").length > 20, "the SVG draws the chart (axes, ticks, glyphs, series): " + svg.split("<path").length);
    }

    @Test
    void robustnessCurvesWithBands() throws Exception {
        List<Robustness.Point> pts = new ArrayList<>();
        for (String m : List.of("rnn_relu", "arun"))
            for (long seed : List.of(200L, 400L))
                for (double xi : List.of(0.0, 5.0, 30.0))
                    pts.add(new Robustness.Point(m, seed, m + seed, "psmnist/pool2", 196, 64, "step", "xi", xi, "50:50", "id", 0.7 - xi / 100 - seed / 1e4, 1, 100));
        XYChart chart = RobustnessChart.build(pts, null);
        assertEquals(4, chart.getSeriesCollection().size(), "a band and a mean curve per model");
        assertTrue(chart.getSeriesCollection().stream().anyMatch(x -> x.getName().equals("arun")));
        assertEquals("psMNIST (pool 2), T = 196, N = 64: step drive, 50 < t < 100", chart.getTitle());
        assertEquals("step drive amplitude xi", chart.getXAxisTitle());
        assertEquals("accuracy: mean over 2 seeds, band 95% CI", chart.getYAxisTitle());
        assertWritten(chart, tmp.resolve("robustness"));
    }

    @Test
    void sinusoidTitleNamesTheFixedParameters() {
        List<Robustness.Point> pts = List.of(
                new Robustness.Point("arun", 1, "a", "psmnist/pool2", 196, 64, "sinusoid", "frequency", 0.5, "", "sinusoid(A=0.5,f=0.5,phase=0)", 0.7, 1, 10),
                new Robustness.Point("arun", 1, "a", "psmnist/pool2", 196, 64, "sinusoid", "frequency", 2, "", "sinusoid(A=0.5,f=2,phase=0)", 0.6, 1, 10));
        XYChart chart = RobustnessChart.build(pts, null);
        assertEquals("psMNIST (pool 2), T = 196, N = 64: sinusoidal input, A = 0.5, phase = 0", chart.getTitle());
        assertEquals("sinusoid frequency f (cycles per sequence)", chart.getXAxisTitle());
    }

    @Test
    void trainingCurvesAndHeterogeneity() throws Exception {
        List<TrainingCurves.Point> tc = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            tc.add(new TrainingCurves.Point("arun", 1, "a1", e, 2.0 / e, 0.5, 2.1 / e, 0.3 * e));
            tc.add(new TrainingCurves.Point("arun", 2, "a2", e, 2.2 / e, 0.5, 2.0 / e, 0.28 * e));
        }
        XYChart c = TrainingCurvesChart.build(tc, TrainingCurvesChart.Quantity.VAL_ACC, "t");
        assertEquals(3, c.getSeriesCollection().size(), "two thin run lines and one mean");
        assertWritten(c, tmp.resolve("curves"));

        List<Heterogeneity.Point> h = Heterogeneity.of("rnn_gamma_het", 200, "g", new double[] {4, 5, 6}, new double[] {0, 0.1, 0.2},
                new double[] {5.5, 5.5, 5.5}, new double[] {0, 0, 0});
        XYChart hc = HeterogeneityChart.build(h, "h");
        assertEquals(3, hc.getSeriesCollection().size(), "neurons, initial point, centre of mass");
        assertWritten(hc, tmp.resolve("het"));
    }
}
