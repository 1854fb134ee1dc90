package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.neuradapt.neuron.Init;

/** Eigenvalues of non-symmetric matrices with known spectra (docs/science.md section 5.8). */
class EigenspectrumTest {

    /** Scaled 2x2 rotation blocks r (cos t, -sin t; sin t, cos t) have r e^{+-i t}; a lone diagonal entry d has d. */
    @Test
    void rotationBlocksGiveTheirConjugatePairs() {
        double[] r = {0.5, 1.3, 0.9}, theta = {0.4, -2.0, 1.1};
        int n = 2 * r.length + 1;
        double[][] w = new double[n][n];
        List<double[]> expected = new ArrayList<>();
        for (int k = 0; k < r.length; k++) {
            double c = r[k] * Math.cos(theta[k]), s = r[k] * Math.sin(theta[k]);
            w[2 * k][2 * k] = c;
            w[2 * k][2 * k + 1] = -s;
            w[2 * k + 1][2 * k] = s;
            w[2 * k + 1][2 * k + 1] = c;
            expected.add(new double[] {c, s});
            expected.add(new double[] {c, -s});
        }
        w[n - 1][n - 1] = -0.7;
        expected.add(new double[] {-0.7, 0});
        Eigenspectrum.Spectrum sp = Eigenspectrum.of(Source.synthetic("blocks"), Eigenspectrum.TRAINED, similar(w, 3));
        assertMatches(expected, sp, 1e-10);
        assertEquals(1.3, sp.radius(), 1e-12);
        for (int i = 1; i < n; i++) assertTrue(sp.values().get(i - 1).modulus() >= sp.values().get(i).modulus() - 1e-15, "ranked by modulus");
        for (int i = 0; i < n; i++) assertEquals(i, sp.values().get(i).index());
    }

    /** A Henaff matrix (section 2.5), made dense by an orthogonal change of basis: every eigenvalue e^{+-i theta_k} on the unit circle. */
    @Test
    void henaffMatrixLiesOnTheUnitCircle() {
        int n = 41;
        double[] flat = Init.henaff().sample(new long[] {n, n}, new SplittableRandom(7));
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * n, w[i], 0, n);
        List<double[]> expected = new ArrayList<>();
        for (int k = 0; k + 1 < n; k += 2) {
            expected.add(new double[] {w[k][k], w[k + 1][k]});
            expected.add(new double[] {w[k][k], -w[k + 1][k]});
        }
        expected.add(new double[] {1, 0});
        Eigenspectrum.Spectrum sp = Eigenspectrum.of(Source.synthetic("henaff"), Eigenspectrum.INIT, similar(w, 11));
        assertMatches(expected, sp, 1e-9);
        for (Eigenspectrum.Eigenvalue e : sp.values()) assertEquals(1, e.modulus(), 1e-10);
        String csv = Eigenspectrum.csv(List.of(sp));
        assertTrue(csv.startsWith("run,model,state,index,re,im,modulus\nhenaff,henaff,init,0,"), csv);
        assertEquals(n + 1, csv.lines().count());
    }

    /** Q w Q^T for a random orthogonal Q: the same spectrum, and a dense, non-symmetric matrix. */
    private static double[][] similar(double[][] w, long seed) {
        int n = w.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] g = new double[n][n];
        for (double[] row : g) for (int j = 0; j < n; j++) row[j] = rng.nextGaussian();
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(g)).getQ();
        return q.multiply(new Array2DRowRealMatrix(w)).multiply(q.transpose()).getData();
    }

    /** Every expected eigenvalue matched by a distinct computed one within tol. */
    private static void assertMatches(List<double[]> expected, Eigenspectrum.Spectrum sp, double tol) {
        assertEquals(expected.size(), sp.values().size());
        List<Eigenspectrum.Eigenvalue> left = new ArrayList<>(sp.values());
        for (double[] e : expected) {
            Eigenspectrum.Eigenvalue best = null;
            for (Eigenspectrum.Eigenvalue v : left)
                if (best == null || Math.hypot(v.re() - e[0], v.im() - e[1]) < Math.hypot(best.re() - e[0], best.im() - e[1])) best = v;
            assertTrue(Math.hypot(best.re() - e[0], best.im() - e[1]) < tol, "eigenvalue " + e[0] + " + " + e[1] + "i, nearest " + best);
            left.remove(best);
        }
    }
}
