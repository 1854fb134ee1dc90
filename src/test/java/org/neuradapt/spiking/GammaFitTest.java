package org.neuradapt.spiking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuradapt.analysis.LeastSquares;
import org.neuradapt.neuron.Gamma;

/** The gamma fit (docs/science.md section 8.4) recovers (n, s, A, I0) from curves that gamma generates. */
class GammaFitTest {
    private static double[] grid(int count, double to) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) x[i] = to * i / (count - 1);
        return x;
    }

    @Test
    void recoversTheParametersOfExactCurves() {
        double[][] truths = {{3, 0.3, 50, 1.2}, {8, 0, 80, 1.0}, {1.5, 0.8, 30, 0.5}, {20, 0.5, 100, 1.1}};
        double[] x = grid(41, 3);
        for (double[] p : truths) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = p[2] * Gamma.value(x[i] - p[3], p[0], p[1]);
            LeastSquares.Fit f = GammaFit.fit(x, y);
            for (int k = 0; k < 4; k++) assertEquals(p[k], f.params()[k], 1e-5 * Math.max(1, Math.abs(p[k])), "parameter " + k + " of " + java.util.Arrays.toString(p));
            assertEquals(1, f.r2(), 1e-12);
        }
    }

    /** With Gaussian noise on the rates, the truth lies within 3 standard errors of the fit in at least 90% of 40 draws. */
    @Test
    void standardErrorsCoverTheTruthUnderNoise() {
        double[] p = {4, 0.4, 60, 1.0}, x = grid(41, 3);
        SplittableRandom rng = new SplittableRandom(11);
        int[] covered = new int[4];
        int draws = 40;
        for (int d = 0; d < draws; d++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = p[2] * Gamma.value(x[i] - p[3], p[0], p[1]) + 1.0 * rng.nextGaussian();
            LeastSquares.Fit f = GammaFit.fit(x, y);
            for (int k = 0; k < 4; k++) if (Math.abs(f.params()[k] - p[k]) < 3 * f.se()[k]) covered[k]++;
        }
        for (int k = 0; k < 4; k++) assertTrue(covered[k] >= 0.9 * draws, "parameter " + k + " covered " + covered[k] + "/" + draws);
    }
}
