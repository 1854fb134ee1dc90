package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The psychometric curve's counts and its Wilson intervals against published values (docs/tasks.md, "Psychometric curve"). */
class PsychometricTest {

    /** Wilson score intervals at z = 1.96 as tabulated (Newcombe, Stat. Med. 1998, Table I: 81/263, 15/148, 0/20, 1/29). */
    @Test
    void wilsonIntervalsMatchNewcombesTable() {
        assertArrayEquals(new double[] {0.2553, 0.3662}, round(Psychometric.wilson(81, 263)), 1e-4);
        assertArrayEquals(new double[] {0.0624, 0.1605}, round(Psychometric.wilson(15, 148)), 1e-4);
        assertArrayEquals(new double[] {0.0, 0.1611}, round(Psychometric.wilson(0, 20)), 1e-4);
        assertArrayEquals(new double[] {0.0061, 0.1718}, round(Psychometric.wilson(1, 29)), 1e-4);
    }

    static double[] round(double[] v) { return new double[] {Math.round(v[0] * 1e4) / 1e4, Math.round(v[1] * 1e4) / 1e4}; }

    /** Counts drawn exactly from a known Weibull (expected values, 10^6 trials per level): the fit recovers alpha and beta. */
    @Test
    void theWeibullFitRecoversKnownParameters() {
        Psychometric.Fit truth = new Psychometric.Fit(0.1, 1.7, 0.5, 0);
        double[] xs = {0, 0.032, 0.064, 0.128, 0.256, 0.512};
        int n = 1_000_000;
        java.util.List<Psychometric.Level> levels = new java.util.ArrayList<>();
        for (double x : xs) {
            int k = (int) Math.round(truth.at(x) * n);
            levels.add(new Psychometric.Level(x, n, k, (double) k / n, 0, 1));
        }
        Psychometric.Fit fit = new Psychometric(Source.synthetic("t"), "task", "coherence", levels).fit(0.5);
        assertEquals(0.1, fit.alpha(), 1e-4);
        assertEquals(1.7, fit.beta(), 1e-3);
        assertEquals(1 - 0.5 / Math.E, fit.at(fit.alpha()), 1e-12, "alpha is where p = 1 - (1 - chance)/e");
    }

    @Test
    void levelsCountTrialsAndCorrectDecisionsInOrder() {
        Psychometric p = Psychometric.of(Source.synthetic("t"), "task", "coherence", new double[] {0.5, 0, 0.5, 0, 0.25},
                new boolean[] {true, false, true, true, false});
        assertEquals(3, p.levels().size());
        assertEquals(new Psychometric.Level(0, 2, 1, 0.5, Psychometric.wilson(1, 2)[0], Psychometric.wilson(1, 2)[1]), p.levels().get(0));
        assertEquals(0.25, p.levels().get(1).condition());
        assertEquals(0.0, p.levels().get(1).accuracy());
        assertEquals(1.0, p.levels().get(2).accuracy());
        assertEquals(4, Psychometric.csv(p).lines().count());
    }
}
