package org.neuradapt.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.spiking.FiCurve;
import org.neuradapt.spiking.GammaFit;

/**
 * f-I curves (docs/science.md sections 8.3 and 8.4), one panel per model and preset in its native
 * current unit: the steady-state rate (points), the onset rate (dashed), the rheobase (dotted
 * vertical) and, when given, the fitted A gamma(I / I_rh - I0; n, s) (black).
 */
public final class FiCurveChart {
    private FiCurveChart() {}

    /** fits: one per curve in the same order, or null for the curves alone. */
    public static Chart<?, ?> build(List<FiCurve.Result> curves, List<GammaFit.Result> fits, String title) {
        List<Chart<?, ?>> cells = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) cells.add(panel(curves.get(i), fits == null ? null : fits.get(i), i));
        return new Panels(cells, Math.min(2, cells.size()), title);
    }

    static XYChart panel(FiCurve.Result r, GammaFit.Result fit, int i) {
        String name = r.model().name();
        String head = fit == null ? String.format(Locale.ROOT, "%s (type %s, rheobase %.4g)", name, r.type().id, r.rheobase())
                : String.format(Locale.ROOT, "%s: n = %.3g%s, s = %.3f, R^2 = %.4f", name, fit.n(), fit.atGainBound() ? " (bound)" : "", fit.s(), fit.fit().r2());
        XYChart c = Panels.panel(head, "current (" + r.model().currentUnit() + ")", "rate (Hz)");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        Color colour = Style.color(i % 6);  // the palette's first six: its yellow is faint on white, its black is the fit's
        double[] x = r.currents();
        XYSeries steady = c.addSeries("steady", x, r.steadyRates());
        steady.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        steady.setMarker(SeriesMarkers.CIRCLE);
        steady.setMarkerColor(colour);
        c.getStyler().setMarkerSize(7);
        XYSeries onset = c.addSeries("onset (1/first ISI)", x, r.points().stream().mapToDouble(FiCurve.Point::onsetRate).toArray());
        Panels.line(onset, colour, Panels.DASHED);
        if (fit != null) {
            int k = 400;
            double[] fx = new double[k], fy = new double[k];
            for (int j = 0; j < k; j++) {
                fx[j] = x[0] + (x[x.length - 1] - x[0]) * j / (k - 1);
                fy[j] = fit.rate(fx[j]);
            }
            Panels.line(c.addSeries("A gamma(I/I_rh - I0; n, s)", fx, fy), Color.BLACK, Style.LINE);
        }
        if (Double.isFinite(r.rheobase())) {
            double top = Math.max(1, r.points().stream().mapToDouble(p -> Math.max(p.steadyRate(), p.onsetRate())).max().orElse(1));
            Panels.line(c.addSeries("rheobase", new double[] {r.rheobase(), r.rheobase()}, new double[] {0, top}), Color.GRAY, Panels.THIN);
        }
        return c;
    }
}
