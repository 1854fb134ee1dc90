package org.neuradapt.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.neuradapt.spiking.Adaptation;

/**
 * Rate responses to steps (docs/science.md section 8.6), one panel per model and preset: the rate
 * minus its level before the step, divided by the fitted gain, against time from the step's
 * onset, for the current step (colour) and the noise-variance step (grey), the legend giving tau
 * and -alpha* (the differentiator's order, Lundstrom's sign), the step drawn dashed.
 */
public final class RateResponseChart {
    private RateResponseChart() {}

    public static Chart<?, ?> build(List<Adaptation.Result> results, String title) {
        List<Chart<?, ?>> cells = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) cells.add(panel(results.get(i), i));
        return new Panels(cells, Math.min(2, cells.size()), title);
    }

    static XYChart panel(Adaptation.Result r, int i) {
        XYChart c = Panels.panel(r.model().name(), "time from the step's onset (ms)", "(rate - rate before) / gain");
        double[] t = new double[Adaptation.STEPS], step = new double[Adaptation.STEPS];
        for (int k = 0; k < t.length; k++) {
            t[k] = (k + 0.5 - Adaptation.STEP.first()) * r.protocol().bin();
            step[k] = Adaptation.STEP.contains(k) ? 1 : 0;
        }
        Panels.line(c.addSeries(label("noise step", r.noise()), t, r.noise().normalised()), new Color(150, 150, 150), Panels.THIN);
        Panels.line(c.addSeries(label("current step", r.current()), t, r.current().normalised()), Style.color(i % 6), Style.LINE);
        Panels.line(c.addSeries("unit step", t, step), Color.BLACK, Panels.DASHED);
        return c;
    }

    private static String label(String what, Adaptation.Response resp) {
        return String.format(Locale.ROOT, "%s: tau %s, -alpha* %.2f", what,
                Double.isFinite(resp.tau()) ? String.format(Locale.ROOT, "%.3g ms", resp.tau()) : "-", -resp.alphaStar());
    }
}
