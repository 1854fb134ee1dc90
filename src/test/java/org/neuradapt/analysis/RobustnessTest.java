package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The robustness table: means, spreads and the tidy CSV, on numbers worked out by hand. */
class RobustnessTest {
    static Robustness.Point point(String model, long seed, double xi, double acc) {
        return new Robustness.Point(model, seed, model + "_s" + seed, "psmnist/pool2", 196, 64, "step", "xi", xi, "50:50",
                "step(xi=" + Robustness.number(xi) + ",window=50:50)", acc, 1 - acc, 10000);
    }

    @Test
    void summaryOverSeeds() {
        List<Robustness.Point> pts = List.of(point("arun", 200, 0, 0.70), point("arun", 400, 0, 0.80), point("arun", 600, 0, 0.90),
                point("arun", 200, 5, 0.6), point("rnn_relu", 200, 0, 0.5), point("rnn_relu", 200, 30, 0.1));
        List<Robustness.Summary> s = Robustness.summarize(pts);
        assertEquals(4, s.size());
        Robustness.Summary a0 = s.get(0);
        assertEquals("arun", a0.model());
        assertEquals(0.0, a0.value());
        assertEquals(0.80, a0.mean(), 1e-12);
        assertEquals(0.10, a0.sd(), 1e-12); // sample sd of 0.7, 0.8, 0.9
        assertEquals(0.70, a0.min(), 1e-12);
        assertEquals(0.90, a0.max(), 1e-12);
        assertEquals(3, a0.seeds());
        assertEquals(0.0, s.get(1).sd(), "one seed: no spread");
        assertEquals("rnn_relu", s.get(2).model(), "models in order of first appearance, values ascending");
        assertEquals(30.0, s.get(3).value());
    }

    @Test
    void csvRoundTripKeepsQuotedIds() {
        List<Robustness.Point> pts = new ArrayList<>(List.of(point("arun", 400, 2.5, 0.5), point("arun", 200, 0, 0.75), point("lstm", 200, 30, 0.125)));
        String csv = Robustness.toCsv(pts);
        assertTrue(csv.startsWith(Robustness.HEADER + "\n"));
        assertTrue(csv.contains("\"step(xi=2.5,window=50:50)\""), "ids with commas are quoted");
        List<Robustness.Point> back = Robustness.fromCsv(csv);
        assertEquals(3, back.size());
        assertEquals(point("arun", 200, 0, 0.75), back.get(0), "sorted by model, seed, value");
        assertEquals(point("arun", 400, 2.5, 0.5), back.get(1));
        assertEquals(Robustness.toCsv(back), csv, "writing what was read gives the same text");
    }

    @Test
    void malformedCsvNamesTheLine() {
        assertThrows(IllegalArgumentException.class, () -> Robustness.fromCsv("a,b\n1,2\n"));
        String csv = Robustness.toCsv(List.of(point("arun", 1, 0, 0.5))) + "arun,2,r\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Robustness.fromCsv(csv));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void csvFieldsSplitAndQuote() {
        assertEquals(List.of("a", "b,c", "d\"e", ""), Csv.split("a,\"b,c\",\"d\"\"e\","));
        assertEquals("\"x,y\"", Csv.quote("x,y"));
        assertEquals("plain", Csv.quote("plain"));
    }

    @Test
    void trainingCurvesMeanAndHeterogeneityCentre() {
        List<TrainingCurves.Point> tc = List.of(new TrainingCurves.Point("arun", 1, "a1", 1, 2.0, 0.1, 1.0, 0.5),
                new TrainingCurves.Point("arun", 2, "a2", 1, 4.0, 0.1, 3.0, 0.7), new TrainingCurves.Point("arun", 2, "a2", 2, 1.0, 0.1, 1.0, 0.9));
        List<TrainingCurves.Mean> m = TrainingCurves.mean(tc);
        assertEquals(2, m.size());
        assertEquals(3.0, m.get(0).trainLoss(), 1e-12);
        assertEquals(0.6, m.get(0).valAcc(), 1e-12);
        assertEquals(2, m.get(0).runs());
        assertEquals(1, m.get(1).runs(), "epoch 2 reached by one run");
        assertEquals(tc, TrainingCurves.fromCsv(TrainingCurves.toCsv(tc)));

        List<Heterogeneity.Point> h = Heterogeneity.of("rnn_gamma_het", 3, "r", new double[] {4, 6}, new double[] {0.1, 0.3},
                new double[] {5.5, 5.5}, new double[] {0, 0});
        Heterogeneity.Centre c = Heterogeneity.centre(h);
        assertEquals(5.0, c.n(), 1e-12);
        assertEquals(0.2, c.s(), 1e-12);
        assertEquals(5.5, c.n0(), 1e-12);
        assertEquals(h, Heterogeneity.fromCsv(Heterogeneity.toCsv(h)));
        assertThrows(IllegalArgumentException.class, () -> Heterogeneity.of("m", 1, "r", new double[2], new double[1], new double[2], new double[2]));
    }

    /** A task with continuous targets has no accuracy (NaN): the curves, summary and comparisons use the mean squared error (the loss column). */
    @Test
    void continuousTargetsAreSummarizedByTheirMeanSquaredError() {
        java.util.List<Robustness.Point> points = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 3; seed++)
            for (String model : java.util.List.of("a", "b"))
                points.add(new Robustness.Point(model, seed, model + seed, "flip_flop", 100, 64, "step", "xi", 1, "30:30", "step(1)", Double.NaN,
                        (model.equals("a") ? 1.0 : 3.0) + seed, 500));
        assertEquals(Robustness.Metric.MSE, Robustness.Metric.of(points));
        Robustness.Summary a = Robustness.summarize(points).get(0);
        assertEquals(3.0, a.mean(), 1e-12);
        assertEquals(2.0, a.min(), 1e-12);
        assertEquals(-2.0, Robustness.compare(points, "a", "b", 1).welch().difference(), 1e-12);
        assertTrue(Robustness.summaryCsv(Robustness.summarize(points), Robustness.Metric.MSE).startsWith("model,value,mean_mse,sd_mse,"));
        points.set(0, point("a", 1, 1, 0.5));
        assertEquals(Robustness.Metric.ACCURACY, Robustness.Metric.of(points), "any accuracy: accuracy");
    }
}
