package org.neuradapt.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.ControllerPca;

/**
 * The controller-alone figure (docs/science.md section 5.9): each amplitude's repeat-averaged state
 * in the plane of the first two principal components, from the step's onset to the end, its end
 * point a filled circle; amplitudes on a log colour scale.
 */
public final class ControllerPcaChart {
    private ControllerPcaChart() {}

    public static XYChart build(ControllerPca.Result r, String title) {
        double[] f = r.pca().fractions();
        XYChart c = Style.xy(title, String.format(Locale.ROOT, "PC1 (%.1f %% of variance)", 100 * f[0]),
                String.format(Locale.ROOT, "PC2 (%.1f %% of variance)", 100 * f[1]));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(12);
        List<Double> a = r.protocol().amplitudes();
        double lo = a.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1), hi = a.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int from = r.protocol().onset();
        for (ControllerPca.Trajectory t : r.trajectories()) {
            Color col = Style.logRamp(t.amplitude(), lo, hi);
            double[][] pcs = Arrays.copyOfRange(t.pcs(), from, t.pcs().length);
            XYSeries s = c.addSeries(String.format(Locale.ROOT, "A = %.3g", t.amplitude()), Arrays.stream(pcs).mapToDouble(p -> p[0]).toArray(),
                    Arrays.stream(pcs).mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineStyle(Style.LINE);
            double[] end = t.pcs()[t.pcs().length - 1];
            XYSeries e = c.addSeries(String.format(Locale.ROOT, "end A = %.3g", t.amplitude()), new double[] {end[0]}, new double[] {end[1]});
            e.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            e.setMarker(SeriesMarkers.CIRCLE);
            e.setMarkerColor(col);
            e.setShowInLegend(false);
        }
        // the states at the onset, one per amplitude (they differ only by their own draws of g0)
        XYSeries s = c.addSeries("t = " + from + " (onset)", r.trajectories().stream().mapToDouble(t -> t.pcs()[from][0]).toArray(),
                r.trajectories().stream().mapToDouble(t -> t.pcs()[from][1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(Color.BLACK);
        XYSeries end = c.addSeries("t = " + (r.protocol().steps() - 1) + " (end)", new double[] {Double.NaN}, new double[] {Double.NaN});
        end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        end.setMarker(SeriesMarkers.CIRCLE);
        end.setMarkerColor(Color.GRAY);
        return c;
    }
}
