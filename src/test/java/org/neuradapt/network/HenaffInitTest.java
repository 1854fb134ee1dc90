package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuradapt.neuron.Init;

/** The Henaff recurrent init (docs/science.md section 2): orthogonal, eigenvalues on the unit circle with angles in [-pi, 0]. */
class HenaffInitTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 7, 64})
    void orthogonalWithEigenvaluesOnTheUnitCircle(int n) {
        double[] w = Init.henaff().sample(new long[] {n, n}, new SplittableRandom(3));
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = w[i * n + j];
        RealMatrix m = new Array2DRowRealMatrix(a);
        RealMatrix wtw = m.transpose().multiply(m);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(i == j ? 1 : 0, wtw.getEntry(i, j), 1e-12);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] re = eig.getRealEigenvalues(), im = eig.getImagEigenvalues();
        for (int k = 0; k < n; k++) assertEquals(1.0, Math.hypot(re[k], im[k]), 1e-9, "|lambda_" + k + "|");
        // each 2x2 block is a rotation by theta ~ U(-pi, 0): sin(theta) = w[k+1][k] <= 0
        for (int k = 0; k + 1 < n; k += 2) {
            double theta = Math.atan2(a[k + 1][k], a[k][k]);
            assertTrue(theta >= -Math.PI && theta <= 0, "block " + k + " angle " + theta);
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i / 2 != j / 2) assertEquals(0.0, a[i][j], 0.0, "block diagonal");
        if (n % 2 == 1) assertEquals(1.0, a[n - 1][n - 1], 0.0);
    }
}
