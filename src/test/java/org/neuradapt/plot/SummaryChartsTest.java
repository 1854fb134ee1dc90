package org.neuradapt.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task-summary bars and the thread-scaling lines: one series per model (or case) with the
 * summary's numbers (the commands that draw them from CSVs: PlotSummariesCommandTest).
 */
class SummaryChartsTest {
    @Test
    void taskBarsCarryTheMeansAndHalfTheirIntervals() {
        List<TaskScoresChart.Row> rows = List.of(new TaskScoresChart.Row("a", "rnn_relu", 0.8, 0.7, 0.9), new TaskScoresChart.Row("a", "arun", 0.6, 0.6, 0.6),
                new TaskScoresChart.Row("b", "rnn_relu", 0.5, 0.4, 0.6));
        var chart = TaskScoresChart.build(rows, Map.of("a", 0.95), "t", "test accuracy");
        assertEquals(3, chart.getSeriesCollection().size(), "two models and the reference");
        var relu = series(chart.getSeriesCollection(), "rnn_relu");
        assertEquals(List.of(0.8, 0.5), java.util.Arrays.stream(relu.getYData()).boxed().toList());
        assertEquals(0.1, relu.getExtraValues()[0], 1e-12);
        assertEquals(List.of(0.6, 0.0), java.util.Arrays.stream(series(chart.getSeriesCollection(), "arun").getYData()).boxed().toList(), "no bar where a model has no row");
    }

    @Test
    void threadScalingHasOneLinePerCase() {
        var chart = ThreadScalingChart.build(List.of(new ThreadScalingChart.Row("x", 1, 2.0), new ThreadScalingChart.Row("x", 2, 1.1),
                new ThreadScalingChart.Row("y", 2, 0.5), new ThreadScalingChart.Row("y", 1, 0.8)), "t");
        assertEquals(2, chart.getSeriesCollection().size());
        assertEquals(List.of(0.8, 0.5), java.util.Arrays.stream(series(chart.getSeriesCollection(), "y").getYData()).boxed().toList(), "sorted by threads");
        assertThrows(IllegalArgumentException.class, () -> ThreadScalingChart.build(List.of(new ThreadScalingChart.Row("z", 2, 1.0)), "t"));
    }

    static <S extends org.knowm.xchart.internal.series.Series> S series(java.util.Collection<S> all, String name) {
        return all.stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    }
}
