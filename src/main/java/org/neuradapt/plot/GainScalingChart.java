package org.neuradapt.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.GainScaling;

/**
 * The gain-scaling figure (docs/science.md section 5.3): the mean n and s against the drive's
 * standard deviation xi, with their spread over samples as error bars, and the fitted curves.
 */
public final class GainScalingChart {
    private GainScalingChart() {}

    public static Chart<?, ?> build(GainScaling.Result r, String title) {
        List<GainScaling.Point> pts = r.points();
        return new Panels(List.of(
                panel("(a) gain n", "n (mean over neurons, samples, " + steps(r) + ")", r.n(), pts.stream().mapToDouble(GainScaling.Point::xi).toArray(),
                        pts.stream().mapToDouble(GainScaling.Point::meanN).toArray(), pts.stream().mapToDouble(GainScaling.Point::sdN).toArray()),
                panel("(b) saturation s", "s (mean over neurons, samples, " + steps(r) + ")", r.s(), pts.stream().mapToDouble(GainScaling.Point::xi).toArray(),
                        pts.stream().mapToDouble(GainScaling.Point::meanS).toArray(), pts.stream().mapToDouble(GainScaling.Point::sdS).toArray())), 2, title);
    }

    private static String steps(GainScaling.Result r) {
        return "t = " + r.protocol().measure().from() + ".." + (r.protocol().measure().to() - 1);
    }

    private static XYChart panel(String title, String yTitle, GainScaling.Fit fit, double[] xi, double[] mean, double[] sd) {
        XYChart c = Panels.panel(title + String.format(Locale.ROOT, ": %s, b = %.3g +- %.2g, R^2 = %.3f", fit.form().formula, fit.b(), fit.seB(), fit.r2()),
                "drive standard deviation xi", yTitle);
        double max = 0, min = Double.POSITIVE_INFINITY;
        for (double x : xi) if (x > 0) { max = Math.max(max, x); min = Math.min(min, x); }
        int n = 200;
        double[] fx = new double[n], fy = new double[n];
        for (int i = 0; i < n; i++) {
            fx[i] = min + (max - min) * i / (n - 1);
            fy[i] = fit.value(fx[i]);
        }
        Panels.line(c.addSeries("fit", fx, fy), Color.BLACK, Panels.DASHED);
        double[] err = new double[sd.length];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < sd.length; i++) {
            err[i] = Double.isFinite(sd[i]) ? sd[i] : 0;
            lo = Math.min(lo, mean[i] - err[i]);
            hi = Math.max(hi, mean[i] + err[i]);
        }
        for (double y : fy) if (Double.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
        if (hi > lo) {  // XChart's own range leaves the error bars out
            c.getStyler().setYAxisMin(lo - 0.05 * (hi - lo));
            c.getStyler().setYAxisMax(hi + 0.05 * (hi - lo));
        }
        XYSeries s = c.addSeries("mean +- sd over samples", xi, mean, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(Style.color(0));
        s.setMarkerColor(Style.color(0));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(Panels.THIN);
        c.getStyler().setMarkerSize(10);
        c.getStyler().setErrorBarsColor(Style.color(0));
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return c;
    }
}
