package org.neuradapt.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.Psychometric;

/** The psychometric curve (docs/tasks.md, "Psychometric curve"): accuracy against the difficulty axis, Wilson 95% band, the Weibull fit (dashed), chance (dotted grey). */
public final class PsychometricChart {
    private PsychometricChart() {}

    public static XYChart build(Psychometric p, Psychometric.Fit fit, String title) {
        double chance = fit.chance();
        XYChart chart = Style.xy(title, p.condition().replace('_', ' '), "accuracy (band: Wilson 95% interval)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        Color c = Style.color(0);
        List<Double> bx = new ArrayList<>(), by = new ArrayList<>();
        for (Psychometric.Level l : p.levels()) { bx.add(l.condition()); by.add(l.ciHigh()); }
        for (int k = p.levels().size() - 1; k >= 0; k--) { bx.add(p.levels().get(k).condition()); by.add(p.levels().get(k).ciLow()); }
        XYSeries band = chart.addSeries("95% interval", bx, by);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(Style.band(c));
        band.setLineColor(Style.band(c));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
        double lo = p.levels().get(0).condition(), hi = p.levels().get(p.levels().size() - 1).condition();
        XYSeries chanceLine = chart.addSeries("chance", List.of(lo, hi), List.of(chance, chance));
        chanceLine.setLineColor(Color.GRAY);
        chanceLine.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        chanceLine.setMarker(SeriesMarkers.NONE);
        List<Double> fx = new ArrayList<>(), fy = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            double x = lo + (hi - lo) * i / 200.0;
            fx.add(x);
            fy.add(fit.at(x));
        }
        XYSeries curve = chart.addSeries(String.format(java.util.Locale.ROOT, "Weibull fit: alpha %.3g, beta %.3g", fit.alpha(), fit.beta()), fx, fy);
        curve.setLineColor(Color.DARK_GRAY);
        curve.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f));
        curve.setMarker(SeriesMarkers.NONE);
        XYSeries acc = chart.addSeries("accuracy (Wilson 95% band)", p.levels().stream().map(Psychometric.Level::condition).toList(),
                p.levels().stream().map(Psychometric.Level::accuracy).toList());
        acc.setLineColor(c);
        acc.setMarkerColor(c);
        acc.setLineStyle(Style.LINE);
        acc.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }
}
