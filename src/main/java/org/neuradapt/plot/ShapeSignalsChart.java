package org.neuradapt.plot;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.analysis.ShapeSignals;
import org.neuradapt.perturbation.Window;

/**
 * The shape-signal figure (docs/science.md section 5.2): mean n_t and mean s_t against t, one
 * curve per step amplitude, the driven steps shaded.
 */
public final class ShapeSignalsChart {
    private ShapeSignalsChart() {}

    public static Chart<?, ?> build(ShapeSignals.Result r, String title) {
        List<ShapeSignals.Curve> curves = r.curves();
        XYChart n = Panels.panel("(a) gain n_t (mean over neurons and samples)", "step t", "n_t");
        XYChart s = Panels.panel("(b) saturation s_t (mean over neurons and samples)", "step t", "s_t");
        shade(n, r.protocol().window(), r.protocol().steps(), curves.stream().map(ShapeSignals.Curve::meanN).toList());
        shade(s, r.protocol().window(), r.protocol().steps(), curves.stream().map(ShapeSignals.Curve::meanS).toList());
        double[] t = new double[r.protocol().steps()];
        for (int i = 0; i < t.length; i++) t[i] = i;
        for (int k = 0; k < curves.size(); k++) {
            ShapeSignals.Curve c = curves.get(k);
            Color col = colour(r.protocol().xi(), c.xi());
            Panels.line(n.addSeries("xi = " + Robustness.number(c.xi()), t, c.meanN()), col, Panels.THIN);
            XYSeries b = s.addSeries("xi = " + Robustness.number(c.xi()), t, c.meanS());
            Panels.line(b, col, Panels.THIN);
        }
        for (XYChart c : List.of(n, s)) c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return new Panels(List.of(n, s), 2, title);
    }

    /**
     * Shades the driven steps (first .. end - 1) over the full height: an area series at the top
     * of a y range fixed from the curves, drawn first so the curves lie over it.
     */
    static void shade(XYChart c, Window.Steps w, int steps, List<double[]> curves) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] v : curves)
            for (double x : v)
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
        if (!(hi >= lo)) return;
        double pad = hi > lo ? 0.08 * (hi - lo) : Math.max(1e-3, 0.05 * Math.abs(hi));
        lo -= pad;
        hi += pad;
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(hi);
        int first = w.first(), last = w.end(steps) - 1;
        if (last < first) return;
        XYSeries area = c.addSeries("drive on t = " + first + ".." + last, new double[] {first, last}, new double[] {hi, hi});
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        area.setFillColor(new Color(200, 200, 200, 110));
        area.setLineColor(new Color(200, 200, 200, 110));
        area.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    }

    private static final Color[] SEQUENTIAL = {new Color(248, 170, 40), new Color(225, 100, 98), new Color(156, 23, 158), new Color(13, 8, 135)};

    /**
     * One colour per amplitude in a sequential map (orange for the smallest, dark purple for the
     * largest, like the reference's truncated plasma_r), xi = 0 in grey.
     */
    static Color colour(List<Double> xi, double value) {
        if (value == 0) return new Color(130, 130, 130);
        List<Double> positive = xi.stream().filter(v -> v != 0).sorted().toList();
        double f = positive.size() <= 1 ? 1 : (double) positive.indexOf(value) / (positive.size() - 1);
        double x = f * (SEQUENTIAL.length - 1);
        int i = Math.min(SEQUENTIAL.length - 2, (int) Math.floor(x));
        double g = x - i;
        Color a = SEQUENTIAL[i], b = SEQUENTIAL[i + 1];
        return new Color((int) Math.round(a.getRed() + g * (b.getRed() - a.getRed())), (int) Math.round(a.getGreen() + g * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + g * (b.getBlue() - a.getBlue())));
    }
}
