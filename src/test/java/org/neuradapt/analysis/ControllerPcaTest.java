package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller-alone protocol and the PCA behind it (docs/science.md section 5.9) against known answers. */
class ControllerPcaTest {

    /** With W_gg = 0 the state forgets g0: g_t = tanh(a_t u_ag + b_g) at every step, whatever the draws. */
    @Test
    void withoutRecurrenceTheStateIsTheClosedForm() {
        double[] u = {0.8, -1.5, 0.3}, b = {0.1, 0.0, -0.4};
        ControllerPca.Controller c = new ControllerPca.Controller(u, new double[3][3], b);
        ControllerPca.Protocol p = new ControllerPca.Protocol(30, 12, ControllerPca.logSpaced(-2, 2, 4), 5, 3);
        ControllerPca.Result r = ControllerPca.analyse(Source.synthetic("ctrl"), p, c, Progress.NONE);
        assertEquals(4, r.trajectories().size());
        for (ControllerPca.Trajectory tr : r.trajectories())
            for (int t = 0; t < p.steps(); t++) {
                double a = t > 12 ? tr.amplitude() : 0;
                for (int j = 0; j < 3; j++) assertEquals(Math.tanh(a * u[j] + b[j]), tr.states()[t][j], 1e-15, "t " + t + " unit " + j);
            }
        assertEquals(Math.exp(-2), r.trajectories().get(0).amplitude(), 1e-15);
        assertEquals(Math.exp(2), r.trajectories().get(3).amplitude(), 1e-15);
        String csv = ControllerPca.csv(r);
        assertEquals(1 + 4 * 30, csv.lines().count());
        assertTrue(csv.startsWith("amplitude,t,pc1,pc2\n"));
        assertTrue(ControllerPca.varianceCsv(r).startsWith("component,variance,fraction\npc1,"));
    }

    /** A recurrent step is g' = tanh(a u + g W_gg + b) in the row-vector convention: (g W)_j = sum_i g_i W[i][j]. */
    @Test
    void stepUsesTheRowVectorConvention() {
        ControllerPca.Controller c = new ControllerPca.Controller(new double[] {1, 2}, new double[][] {{0.5, -1}, {2, 0.25}}, new double[] {0, 0.1});
        double[] g = c.step(0.3, new double[] {0.2, -0.4});
        assertArrayEquals(new double[] {Math.tanh(0.3 + 0.2 * 0.5 - 0.4 * 2), Math.tanh(0.6 + 0.2 * -1 - 0.4 * 0.25 + 0.1)}, g, 1e-15);
    }

    /**
     * Rows +-a_k v_k around a mean, v_k orthonormal: the sample covariance is sum_k 2 a_k^2 v_k v_k^T / (R - 1) exactly, so the PCA's
     * axes are the v_k (up to sign), its variances 2 a_k^2 / (R - 1) and its fractions a_k^2 / sum a^2.
     */
    @Test
    void pcaRecoversKnownAxesAndFractions() {
        double c = Math.cos(0.6), s = Math.sin(0.6);
        double[][] v = {{c, s, 0, 0}, {-s * 0.6, c * 0.6, 0.8, 0}, {-s * 0.8, c * 0.8, -0.6, 0}, {0, 0, 0, 1}};
        double[] a = {3, 2, 1, 0.5}, mean = {1, -2, 0.5, 4};
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k < 4; k++)
            for (int sign : new int[] {1, -1}) {
                double[] r = mean.clone();
                for (int j = 0; j < 4; j++) r[j] += sign * a[k] * v[k][j];
                rows.add(r);
            }
        Pca pca = Pca.fit(rows.toArray(double[][]::new), 2);
        double sum = 9 + 4 + 1 + 0.25;
        assertArrayEquals(new double[] {2 * 9 / 7.0, 2 * 4 / 7.0}, pca.variances(), 1e-12);
        assertArrayEquals(new double[] {9 / sum, 4 / sum}, pca.fractions(), 1e-12);
        assertArrayEquals(mean, pca.mean(), 1e-14);
        for (int k = 0; k < 2; k++) {
            double dot = 0;
            for (int j = 0; j < 4; j++) dot += pca.components()[k][j] * v[k][j];
            assertEquals(1, Math.abs(dot), 1e-12, "axis " + k);
        }
        double[] first = rows.get(0), onFirst = pca.project(first);
        assertEquals(3, Math.abs(onFirst[0]), 1e-12);
        assertEquals(0, onFirst[1], 1e-12);
        assertArrayEquals(new double[] {0, 0}, pca.project(mean), 1e-14);
    }
}
