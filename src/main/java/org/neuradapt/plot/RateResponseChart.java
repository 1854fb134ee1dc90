package org.neuradapt.plot;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.neuradapt.spiking.Adaptation;

/**
 * Rate responses to steps (docs/science.md section 8.6): per model, the rate minus its level
 * before the step divided by the fitted gain, against time from the step's onset, (a) for the
 * current step and (b) for the noise-variance step, the legend giving tau and -alpha* (the
 * differentiator's order, Lundstrom's sign). Models past the eighth colour are dashed.
 */
public final class RateResponseChart {
    private RateResponseChart() {}

    public static Chart<?, ?> build(List<Adaptation.Result> results, String title) {
        List<Chart<?, ?>> cells = new ArrayList<>();
        for (Adaptation.Kind kind : Adaptation.Kind.values()) cells.add(panel(results, kind));
        return new Panels(cells, 1, title);
    }

    static XYChart panel(List<Adaptation.Result> results, Adaptation.Kind kind) {
        XYChart c = Panels.panel((kind == Adaptation.Kind.CURRENT ? "(a) current step" : "(b) step of the noise's standard deviation")
                + ": (rate - rate before) / gain", "time from the step's onset (ms)", "normalised rate");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (int i = 0; i < results.size(); i++) {
            Adaptation.Result r = results.get(i);
            Adaptation.Response resp = kind == Adaptation.Kind.CURRENT ? r.current() : r.noise();
            double[] t = new double[Adaptation.STEPS];
            for (int k = 0; k < t.length; k++) t[k] = (k + 0.5 - Adaptation.STEP.first()) * r.protocol().bin();
            String label = String.format(Locale.ROOT, "%s: tau %s, -alpha* %.2f", r.model().name(),
                    Double.isFinite(resp.tau()) ? String.format(Locale.ROOT, "%.0f ms", resp.tau()) : "-", -resp.alphaStar());
            BasicStroke stroke = i < Style.PALETTE.size() ? Panels.THIN : Panels.DASHED;
            Panels.line(c.addSeries(label, t, resp.normalised()), Style.color(i), stroke);
        }
        return c;
    }
}
