package org.neuradapt.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Grouped bars of a per-task, per-model summary over seeds (docs/tasks.md, "What the models
 * reach": figures/tasks/accuracy_summary.csv): one group per task, one bar per model at its mean,
 * the error bar its 95% Student-t interval (half its width), and, where given, a reference per task
 * (the ideal observer) as a marker-only series.
 */
public final class TaskScoresChart {
    private TaskScoresChart() {}

    /** One model on one task: mean over seeds and its 95% interval. */
    public record Row(String task, String model, double mean, double low, double high) {}

    /**
     * @param references a reference value per task (NaN or absent: none), drawn as its own bar series
     * @param yTitle     what the bars measure, e.g. "test accuracy"
     */
    public static CategoryChart build(List<Row> rows, Map<String, Double> references, String title, String yTitle) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows to draw");
        Set<String> tasks = new LinkedHashSet<>(), models = new LinkedHashSet<>();
        for (Row r : rows) { tasks.add(r.task()); models.add(r.model()); }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(1000, 260 * tasks.size())).height(700).title(title)
                .xAxisTitle("task").yAxisTitle(yTitle + ": mean over seeds, bar 95% CI").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        if (yTitle.contains("accuracy")) chart.getStyler().setYAxisMax(1.0);   // an interval past 1 (few seeds, one at chance) is cut at the axis
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        List<String> x = new ArrayList<>(tasks);
        int i = 0;
        for (String model : models) {
            Map<String, Row> byTask = new LinkedHashMap<>();
            for (Row r : rows) if (r.model().equals(model)) byTask.put(r.task(), r);
            List<Double> y = new ArrayList<>(), err = new ArrayList<>();
            for (String t : x) {
                Row r = byTask.get(t);
                y.add(r == null ? 0.0 : r.mean());
                err.add(r == null || Double.isNaN(r.high()) ? 0.0 : (r.high() - r.low()) / 2);
            }
            chart.addSeries(model, x, y, err).setFillColor(Style.modelColor(model, i++));
        }
        if (references != null && references.values().stream().anyMatch(v -> v != null && !Double.isNaN(v))) {
            List<Double> y = new ArrayList<>();
            for (String t : x) y.add(references.getOrDefault(t, 0.0));
            chart.addSeries("ideal observer", x, y).setFillColor(java.awt.Color.LIGHT_GRAY);
        }
        return chart;
    }
}
