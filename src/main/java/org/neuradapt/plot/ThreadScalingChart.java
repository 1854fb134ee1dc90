package org.neuradapt.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Seconds per training batch against threads (docs/performance.md, "Threads":
 * figures/bench_threads.csv), one line per case (model, sizes, logical shards), on a log axis, so
 * that both the scaling and the cost of more shards per core show (the parallel efficiency is a
 * column of the CSV).
 */
public final class ThreadScalingChart {
    private ThreadScalingChart() {}

    /** One measured case: a model (with its sizes, as labelled) at a number of threads. */
    public record Row(String model, int threads, double secondsPerBatch) {}

    public static XYChart build(List<Row> rows, String title) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows to draw");
        Map<String, List<Row>> byCase = new LinkedHashMap<>();
        for (Row r : rows) byCase.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r);
        XYChart chart = Style.xy(title, "threads", "seconds per batch (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(18f));
        int i = 0;
        for (var e : byCase.entrySet()) {
            List<Row> pts = e.getValue().stream().sorted(java.util.Comparator.comparingInt(Row::threads)).toList();
            double one = pts.stream().filter(r -> r.threads() == 1).mapToDouble(Row::secondsPerBatch).findFirst().orElse(Double.NaN);
            if (Double.isNaN(one)) throw new IllegalArgumentException(e.getKey() + " has no 1-thread time");
            java.awt.Color c = Style.color(i);
            XYSeries s = chart.addSeries(e.getKey(), pts.stream().map(Row::threads).toList(), pts.stream().map(Row::secondsPerBatch).toList());
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
            s.setMarker(i++ < Style.PALETTE.size() ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);   // the palette's colours come round again: another marker
        }
        return chart;
    }
}
