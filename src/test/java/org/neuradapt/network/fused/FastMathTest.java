package org.neuradapt.network.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuradapt.neuron.ClassicActivation;
import org.neuradapt.neuron.Gamma;

/** The element-wise math of the kernels (ClassicActivation's and Gamma's double forms, FastMath's float tanh) against java.lang.Math and textbook formulas. */
class FastMathTest {
    static final double[] XS = {-1e4, -300, -30, -4.1, -1, -0.3, -1e-3, -1e-9, 0, 1e-9, 1e-3, 0.2, 0.9, 3.3, 4.5, 19, 45, 300, 1e4};
    static final double[] NS = {0.1, 0.5, 1, 5, 6.3, 20, 50};
    static final double[] SS = {0, 0.2, 0.5, 1};

    @Test
    void tanhSigmoidSoftplusLog1p() {
        for (double x : XS) {
            assertEquals(Math.tanh(x), ClassicActivation.tanh(x), 4e-16 + 4e-16 * Math.abs(Math.tanh(x)), "tanh " + x);
            double sgx = 1 / (1 + Math.exp(-x));
            assertEquals(sgx, Gamma.sigmoid(x), 4e-16 * sgx + 1e-300, "sigmoid " + x);
            double sp = x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            assertEquals(sp, ClassicActivation.softplus(x), 4e-16 * sp, "softplus " + x);
        }
        for (double u = 0; u <= 1; u += 1.0 / 1024 + 1e-7) assertEquals(Math.log1p(u), ClassicActivation.log1p(u), 3e-16 * Math.log1p(u) + 1e-300);
        assertEquals(Math.log1p(1e-12), ClassicActivation.log1p(1e-12), 1e-28);
    }

    @Test
    void floatTanhIsAccurateAndKeepsOneMinusTanhRelativelyAccurate() {
        double worstAbs = 0;
        for (int i = 0; i <= 400_000; i++) {
            float x = (float) (-12 + 24.0 * i / 400_000);
            double exact = Math.tanh(x), approx = FastMath.tanhFloat(x);
            worstAbs = Math.max(worstAbs, Math.abs(approx - exact));
            assertEquals(Math.signum(exact), Math.signum(approx), "sign at " + x);
            // what BPTT needs: 1 - |tanh| to the float rounding of a value near 1 (3e-8), not 1e-6
            assertEquals(1 - Math.abs(exact), 1 - Math.abs(approx), 1.2e-7, "1 - |tanh| at " + x);
        }
        assertTrue(worstAbs < 1.2e-7, "max abs error " + worstAbs);
        for (float x : new float[]{1e-30f, 1e-8f, 1e-4f, -3e-3f}) assertEquals(Math.tanh(x), FastMath.tanhFloat(x), 3e-7 * Math.abs(x), "small " + x);
        assertEquals(1f, FastMath.tanhFloat(50f));
        assertEquals(-1f, FastMath.tanhFloat(Float.NEGATIVE_INFINITY));
        assertEquals(0f, FastMath.tanhFloat(0f));
    }

    /**
     * {@link Gamma}'s one-exp form (value, forward, partials, the form the kernels and the
     * analyses share) against the textbook two-exp formulas written out here: log1p(exp(n x))/n
     * and sigmoid(n x) computed apart, the guard at n x = 20, and the derivatives of section 1.2.
     */
    @Test
    void gammaAndPartialsMatchTheTextbookFormulas() {
        double[] out = new double[3];
        for (double x : XS) for (double n : NS) for (double s : SS) {
            double z = n * x, sgv = sg(z), sp = z > Gamma.LINEAR_CUTOFF ? x : Math.log1p(Math.exp(z)) / n;
            double v = (1 - s) * sp + s * sgv;
            String at = " at x=" + x + " n=" + n + " s=" + s;
            assertEquals(v, Gamma.value(x, n, s), 1e-14 * Math.max(1, Math.abs(v)), "value" + at);
            assertEquals(v, Gamma.partials(x, n, s, out), 1e-14 * Math.max(1, Math.abs(v)), "value" + at);
            assertTrue(Double.isFinite(out[0]) && Double.isFinite(out[1]) && Double.isFinite(out[2]), "finite" + at);
            if (n * x > 20) {
                // the guarded function is linear in x with no dependence on n through sp
                assertEquals((1 - s) + s * n * sgv * (1 - sgv), out[0], 1e-14, "dx" + at);
                assertEquals(s * x * sgv * (1 - sgv), out[1], 1e-14 * Math.max(1, Math.abs(x)), "dn" + at);
            } else {
                double dx = (1 - s) * sgv + s * n * sgv * (1 - sgv), dn = (1 - s) * (x * sgv - sp) / n + s * x * sgv * (1 - sgv);
                assertEquals(dx, out[0], 1e-13 * Math.max(1, Math.abs(dx)), "dx" + at);
                // (x sg - sp) / n cancels: tolerance relative to the size of its terms
                double terms = (Math.abs(x) + Math.abs(sp)) / n + Math.abs(x);
                assertEquals(dn, out[1], 1e-14 * terms + 1e-300, "dn" + at);
            }
            assertEquals(sgv - sp, out[2], 1e-14 * Math.max(1, Math.abs(sgv - sp)), "ds" + at);
            if (n * x <= 20) {   // below the guard the textbook derivatives are the same functions
                assertEquals(out[0], Gamma.dx(x, n, s), 1e-13 * Math.max(1, Math.abs(out[0])), "dx" + at);
                assertEquals(out[2], Gamma.ds(x, n, s), 1e-14 * Math.max(1, Math.abs(out[2])), "ds" + at);
            }
            // the cached forward/backward pair used by the Elman and ARUN kernels gives the same numbers
            double[] cache = new double[2], out2 = new double[3];
            assertEquals(Gamma.value(x, n, s), Gamma.forward(x, n, s, cache), 0.0, "cached value" + at);
            Gamma.partialsCached(x, n, s, cache, out2);
            org.junit.jupiter.api.Assertions.assertArrayEquals(out, out2, 0.0, "cached partials" + at);
        }
    }

    static double sg(double z) { return Gamma.sigmoid(z); }
}
