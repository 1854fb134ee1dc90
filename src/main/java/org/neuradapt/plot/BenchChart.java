package org.neuradapt.plot;

import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Bar chart of the benchmark table (figures/bench.csv): seconds per training batch of neuradapt
 * and of the project's PyTorch implementation for each case, on a log axis, with the measured ratio in the
 * category label.
 */
public final class BenchChart {
    private BenchChart() {}

    /** One measured case. */
    public record Row(String label, double javaSeconds, double torchSeconds) {}

    public static CategoryChart build(List<Row> rows) {
        // about 160 px per case: XChart drops category labels that would overlap their neighbours
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(1100, 160 * rows.size())).height(600)
                .title("Seconds per training batch (forward, BPTT, Adam), 2 CPU cores, same session")
                .xAxisTitle("case (model hidden/ctrl/T/batch; ratio = neuradapt / PyTorch)")
                .yAxisTitle("seconds per batch (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.01); // bars need a positive baseline on a log axis
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        List<String> labels = rows.stream().map(r -> Double.isNaN(r.torchSeconds()) ? r.label() + " (no PyTorch)"
                : r.label() + String.format(java.util.Locale.ROOT, " (%.3fx)", r.javaSeconds() / r.torchSeconds())).toList();
        chart.addSeries("neuradapt (Java)", labels, rows.stream().map(r -> (Number) r.javaSeconds()).toList());
        chart.addSeries("PyTorch (experiments/torch_models.py)", labels, rows.stream().map(r -> (Number) r.torchSeconds()).toList()); // NaN: not measured, no bar
        return chart;
    }
}
