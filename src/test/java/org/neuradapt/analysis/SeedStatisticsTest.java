package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statistics over seeds (docs/science.md section 4.6) against textbook values. */
class SeedStatisticsTest {
    /** Wikipedia's first example of Welch's t-test (also scipy.stats.ttest_ind(a, b, equal_var=False)): t = -2.4554, df = 24.989, p = 0.02138. */
    static final double[] A1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    static final double[] A2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};

    @Test
    void welchAgainstTheTextbookExample() {
        SeedStatistics.Welch w = SeedStatistics.welch(A1, A2);
        assertEquals(-2.1666667, w.difference(), 1e-6);
        assertEquals(-2.455356398, w.t(), 1e-8);
        assertEquals(24.98852929, w.df(), 1e-7);
        assertEquals(0.0213780015, w.p(), 1e-9);
        // scipy's confidence_interval(0.95) of the same test
        assertEquals(-3.984096267, w.low(), 1e-8);
        assertEquals(-0.349237066, w.high(), 1e-8);
        SeedStatistics.Welch back = SeedStatistics.welch(A2, A1);
        assertEquals(-w.t(), back.t(), 1e-12, "antisymmetric");
        assertEquals(w.p(), back.p(), 1e-15);
    }

    @Test
    void meanIntervalIsStudentsT() {
        // scipy.stats.t.interval(0.95, 2, loc=0.8, scale=sem): t*(2) = 4.302653
        SeedStatistics.MeanInterval m = SeedStatistics.mean(new double[] {0.70, 0.80, 0.90});
        assertEquals(0.80, m.mean(), 1e-12);
        assertEquals(0.10, m.sd(), 1e-12);
        assertEquals(0.5515862288, m.low(), 1e-9);
        assertEquals(1.0484137712, m.high(), 1e-9);
        assertEquals(2.776445105, SeedStatistics.quantile(4), 1e-8, "t*(4), the 5-seed interval's factor");
        SeedStatistics.MeanInterval one = SeedStatistics.mean(new double[] {0.5});
        assertTrue(Double.isNaN(one.low()) && Double.isNaN(one.sd()), "one seed: no interval");
    }

    @Test
    void degenerateSamplesHaveNoP() {
        assertTrue(Double.isNaN(SeedStatistics.welch(new double[] {0.5}, new double[] {0.4, 0.6}).p()), "one seed");
        SeedStatistics.Welch same = SeedStatistics.welch(new double[] {0.5, 0.5}, new double[] {0.4, 0.4});
        assertTrue(Double.isNaN(same.p()), "no spread at all");
        assertEquals(0.1, same.difference(), 1e-12);
    }

    @Test
    void robustnessComparesEveryPairAndSummarisesWithTheInterval() {
        List<Robustness.Point> pts = new java.util.ArrayList<>();
        for (int k = 0; k < A1.length; k++) {
            pts.add(RobustnessTest.point("arun", k, 30, A1[k] / 100));
            pts.add(RobustnessTest.point("rnn_relu", k, 30, A2[k] / 100));
        }
        Robustness.Comparison c = Robustness.compare(pts, "arun", "rnn_relu", 30);
        assertEquals(0.0213780015, c.welch().p(), 1e-9, "accuracies / 100 leave t and p unchanged");
        List<Robustness.Comparison> all = Robustness.compareAll(pts);
        assertEquals(1, all.size());
        String csv = Robustness.comparisonsCsv(all);
        assertTrue(csv.startsWith(Robustness.COMPARISONS_HEADER + "\narun,rnn_relu,30,15,15,-0.021667,"), csv);
        assertTrue(csv.strip().endsWith(",0.02138"), csv);
        Robustness.Summary s = Robustness.summarize(pts).get(0);
        SeedStatistics.MeanInterval m = SeedStatistics.mean(java.util.Arrays.stream(A1).map(v -> v / 100).toArray());
        assertEquals(m.low(), s.ciLow(), 1e-15);
        assertEquals(m.high(), s.ciHigh(), 1e-15);
        assertTrue(Robustness.summaryCsv(List.of(s)).startsWith(Robustness.SUMMARY_HEADER + "\n"));
        org.neuradapt.UserError e = org.junit.jupiter.api.Assertions.assertThrows(org.neuradapt.UserError.class, () -> Robustness.compare(pts, "arun", "lstm", 30));
        assertTrue(e.getMessage().startsWith("--compare: no runs of model 'lstm'"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(org.neuradapt.UserError.class, () -> Robustness.compare(pts, "arun", "rnn_relu", 5));
        assertTrue(e.getMessage().startsWith("--at 5:"), e.getMessage());
    }
}
