package org.neuradapt.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.Heterogeneity;

/**
 * The heterogeneity scatter (docs/science.md section 5.1): every neuron's learned (n_i, s_i), one
 * colour per run, with the initial point and the centre of mass of each run marked.
 */
public final class HeterogeneityChart {
    private HeterogeneityChart() {}

    public static XYChart build(List<Heterogeneity.Point> points, String title) {
        XYChart chart = Style.xy(title, "gain n_i", "saturation s_i");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        Map<String, List<Heterogeneity.Point>> byRun = new LinkedHashMap<>();
        for (Heterogeneity.Point p : points) byRun.computeIfAbsent(p.run(), r -> new ArrayList<>()).add(p);
        int i = 0;
        List<Double> cx = new ArrayList<>(), cy = new ArrayList<>(), ix = new ArrayList<>(), iy = new ArrayList<>();
        for (var e : byRun.entrySet()) {
            Color c = Style.color(i++);
            List<Heterogeneity.Point> run = e.getValue();
            Heterogeneity.Point first = run.get(0);
            XYSeries s = chart.addSeries("seed " + first.seed(),
                    run.stream().map(Heterogeneity.Point::n).toList(), run.stream().map(Heterogeneity.Point::s).toList());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
            Heterogeneity.Centre centre = Heterogeneity.centre(run);
            cx.add(centre.n());
            cy.add(centre.s());
            ix.add(centre.n0());
            iy.add(centre.s0());
        }
        XYSeries init = chart.addSeries("initial", ix, iy);
        init.setMarker(SeriesMarkers.DIAMOND);
        init.setMarkerColor(Color.BLACK);
        XYSeries com = chart.addSeries("centre of mass", cx, cy);
        com.setMarker(SeriesMarkers.CROSS);
        com.setMarkerColor(Color.BLACK);
        chart.getStyler().setMarkerSize(9);
        return chart;
    }
}
