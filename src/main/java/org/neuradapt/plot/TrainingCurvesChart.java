package org.neuradapt.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuradapt.analysis.TrainingCurves;

/**
 * Training curves, one figure per quantity: the mean over seeds per model as a thick line, each
 * run as a thin line of the same colour.
 */
public final class TrainingCurvesChart {
    private TrainingCurvesChart() {}

    /** Whether the runs are of tasks with continuous targets: no run has an accuracy. */
    public static boolean valuesOnly(List<TrainingCurves.Point> points) {
        return !points.isEmpty() && points.stream().allMatch(p -> Double.isNaN(p.valAcc()));
    }

    /** The quantities drawn, each its own figure. */
    public enum Quantity {
        TRAIN_LOSS("training loss (cross-entropy)", TrainingCurves.Point::trainLoss, TrainingCurves.Mean::trainLoss),
        VAL_LOSS("validation loss (cross-entropy)", TrainingCurves.Point::valLoss, TrainingCurves.Mean::valLoss),
        VAL_ACC("validation accuracy", TrainingCurves.Point::valAcc, TrainingCurves.Mean::valAcc);

        final String axis;
        final ToDoubleFunction<TrainingCurves.Point> run;
        final ToDoubleFunction<TrainingCurves.Mean> mean;

        Quantity(String axis, ToDoubleFunction<TrainingCurves.Point> run, ToDoubleFunction<TrainingCurves.Mean> mean) {
            this.axis = axis;
            this.run = run;
            this.mean = mean;
        }
    }

    public static XYChart build(List<TrainingCurves.Point> points, Quantity q, String title) {
        // a task with continuous targets (docs/tasks.md, "Targets") trains on the mean squared error and has no accuracy
        XYChart chart = Style.xy(title, "epoch", valuesOnly(points) ? q.axis.replace("cross-entropy", "mean squared error") : q.axis);
        chart.getStyler().setLegendPosition(q == Quantity.VAL_ACC ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        Map<String, Integer> colour = new LinkedHashMap<>();
        for (TrainingCurves.Point p : points) colour.putIfAbsent(p.model(), colour.size());
        Map<String, List<TrainingCurves.Point>> byRun = new LinkedHashMap<>();
        for (TrainingCurves.Point p : points) byRun.computeIfAbsent(p.run(), r -> new ArrayList<>()).add(p);
        for (var e : byRun.entrySet()) {
            List<TrainingCurves.Point> run = e.getValue();
            XYSeries s = chart.addSeries("run " + e.getKey(), run.stream().map(p -> (double) p.epoch()).toList(),
                    run.stream().map(p -> q.run.applyAsDouble(p)).toList());
            s.setLineColor(Style.band(Style.modelColor(run.get(0).model(), colour.get(run.get(0).model()))));
            s.setLineWidth(1.5f);
            s.setLineStyle(SeriesLines.SOLID);
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(false);
        }
        Map<String, List<TrainingCurves.Mean>> byModel = new LinkedHashMap<>();
        for (TrainingCurves.Mean m : TrainingCurves.mean(points)) byModel.computeIfAbsent(m.model(), k -> new ArrayList<>()).add(m);
        for (var e : byModel.entrySet()) {
            List<TrainingCurves.Mean> curve = e.getValue();
            int runs = curve.stream().mapToInt(TrainingCurves.Mean::runs).max().orElse(1);
            XYSeries s = chart.addSeries(e.getKey() + (runs > 1 ? " (mean of " + runs + " runs)" : ""),
                    curve.stream().map(m -> (double) m.epoch()).toList(), curve.stream().map(m -> q.mean.applyAsDouble(m)).toList());
            s.setLineColor(Style.modelColor(e.getKey(), colour.get(e.getKey())));
            s.setMarkerColor(Style.modelColor(e.getKey(), colour.get(e.getKey())));
            s.setLineWidth(3f);
            s.setLineStyle(SeriesLines.SOLID);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }
}
