package org.neuradapt.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.Robustness;

/**
 * The paper's robustness figure (docs/science.md section 4.6): test accuracy against the
 * perturbation's amplitude, one curve per model (mean over seeds) with a shaded band: the 95% t
 * interval of the mean over seeds (clipped to [0, 1]; docs/science.md section 4.6).
 */
public final class RobustnessChart {
    private RobustnessChart() {}

    /**
     * The figure of a robustness CSV's points.
     *
     * @param title the title, or null for one that states task, scale, perturbation and window
     */
    public static XYChart build(List<Robustness.Point> points, String title) {
        if (points.isEmpty()) throw new IllegalArgumentException("no robustness points to draw");
        List<Robustness.Summary> rows = Robustness.summarize(points);
        int most = rows.stream().mapToInt(Robustness.Summary::seeds).max().orElse(1);
        Robustness.Metric metric = Robustness.Metric.of(points);
        boolean acc = metric == Robustness.Metric.ACCURACY;
        XYChart chart = Style.xy(title != null ? title : title(points), axis(points.get(0)),
                most > 1 ? metric.label() + ": mean over " + most + " seeds, band 95% CI" : metric.label());
        long models = points.stream().map(Robustness.Point::model).distinct().count();
        // seven models: a legend inside would hide curves; beyond seven one row is wider than the figure
        chart.getStyler().setLegendPosition(models > 7 ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(models > 7 ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        if (acc) {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
        } else {
            chart.getStyler().setYAxisLogarithmic(true);   // errors span decades: a trained network's at xi = 0, an unbounded one's under drive
            chart.getStyler().setYAxisTitleVisible(true);
        }
        Map<String, List<Robustness.Summary>> byModel = new LinkedHashMap<>();
        for (Robustness.Summary r : rows) byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r);
        int i = 0;
        for (var e : byModel.entrySet()) {
            java.awt.BasicStroke stroke = Style.modelStroke(e.getKey(), i);
            Color c = Style.modelColor(e.getKey(), i++);
            List<Robustness.Summary> curve = e.getValue();
            int seeds = curve.stream().mapToInt(Robustness.Summary::seeds).max().orElse(1);
            if (seeds > 1) {
                // the band: along the upper edge, then back along the lower one
                List<Double> bx = new ArrayList<>(), by = new ArrayList<>();
                for (Robustness.Summary r : curve) { bx.add(r.value()); by.add(acc ? Math.min(1, r.ciHigh()) : r.ciHigh()); }
                for (int k = curve.size() - 1; k >= 0; k--) {   // accuracy clipped to [0, 1]; an error on a log axis at its smallest seed where the interval reaches 0
                    Robustness.Summary r = curve.get(k);
                    bx.add(r.value());
                    by.add(acc ? Math.max(0, r.ciLow()) : r.ciLow() > 0 ? r.ciLow() : r.min());
                }
                XYSeries band = chart.addSeries(e.getKey() + " 95% CI", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(Style.band(c));
                band.setLineColor(Style.band(c));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries mean = chart.addSeries(e.getKey() + (seeds > 1 && seeds < most ? " (" + seeds + " seeds)" : ""),
                    curve.stream().map(Robustness.Summary::value).toList(), curve.stream().map(Robustness.Summary::mean).toList());
            mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            mean.setLineColor(c);
            mean.setMarkerColor(c);
            mean.setLineWidth(3f);
            mean.setLineStyle(stroke == Style.LINE ? SeriesLines.SOLID : stroke);
            mean.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** "psMNIST (pool 2), T = 196, N = 64: step drive, 50 < t < 100"; the tasks and sizes of every run, if they differ. */
    static String title(List<Robustness.Point> points) {
        Set<String> scale = new LinkedHashSet<>();
        for (Robustness.Point p : points) {
            String[] task = p.task().split("/pool");
            String name = task[0].equals("psmnist") ? "psMNIST" : task[0].equals("smnist") ? "sMNIST" : task[0];
            scale.add(String.format(Locale.ROOT, "%s%s, T = %d, N = %d", name, task.length > 1 ? " (pool " + task[1] + ")" : "", p.steps(), p.hidden()));
        }
        Robustness.Point p = points.get(0);
        String what = switch (p.perturbation()) {
            case "step" -> "step drive";
            case "gaussian" -> "Gaussian drive";
            case "sinusoid" -> "sinusoidal input";
            default -> p.perturbation();
        };
        return String.join("; ", scale) + ": " + what + (p.window().isEmpty() ? "" : windowText(p.window())) + fixedParameters(p);
    }

    /** For a sinusoid, the parameters held fixed, read from the id: "sinusoid(A=0.5,f=1,phase=0)" swept over f gives ", A = 0.5, phase = 0". */
    private static String fixedParameters(Robustness.Point p) {
        if (!p.perturbation().equals("sinusoid")) return "";
        int open = p.id().indexOf('('), close = p.id().lastIndexOf(')');
        if (open < 0 || close < open) return "";
        String swept = p.parameter().equals("frequency") ? "f" : p.parameter().equals("amplitude") ? "A" : p.parameter();
        StringBuilder sb = new StringBuilder();
        for (String kv : p.id().substring(open + 1, close).split(",")) {
            String[] f = kv.split("=", 2);
            if (f.length == 2 && !f[0].equals(swept)) sb.append(", ").append(f[0]).append(" = ").append(f[1]);
        }
        return sb.toString();
    }

    /** "50:50" -> ", 50 < t < 100" (the strict window of docs/science.md section 4.1). */
    private static String windowText(String window) {
        String[] w = window.split(":");
        try {
            int pos = Integer.parseInt(w[0].trim()), len = Integer.parseInt(w[1].trim());
            return ", " + pos + " < t < " + (pos + len);
        } catch (RuntimeException e) {
            return ", window " + window;
        }
    }

    /** The x axis names what was swept, read from the perturbation ids. */
    static String axis(Robustness.Point p) {
        return switch (p.perturbation()) {
            case "step" -> "step drive amplitude xi";
            case "gaussian" -> "Gaussian drive standard deviation xi";
            case "sinusoid" -> p.parameter().equals("frequency") ? "sinusoid frequency f (cycles per sequence)" : "sinusoid amplitude A";
            default -> "amplitude";
        };
    }
}
