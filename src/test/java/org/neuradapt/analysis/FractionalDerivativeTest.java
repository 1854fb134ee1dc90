package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The spectral fractional derivative (docs/science.md section 5.4) against known answers and numpy. */
class FractionalDerivativeTest {
    static final double TOL = 1e-10;

    /** Values of np.fft.ifft(H * np.fft.fft(y)).real with H = (1j*2*np.pi*fftfreq(L))**alpha, H[0] = 0 (numpy 2.4). */
    @Test
    void agreesWithNumpyForEvenAndOddLength() {
        double[] y = {0.3, -1.2, 2.5, 0.7, 0.0, -0.4, 1.1, 3.0, -2.2, 0.9};
        FractionalDerivative d = new FractionalDerivative(10);
        assertArrayEquals(new double[] {-1.323008575653651, -0.7214785899541227, 2.7570647226317035, -0.9711952163216889, -0.3561803264331121,
                -1.0525384349006577, 1.9377527871267899, 1.4137132955473044, -3.8454125025050234, 2.161282840462458}, d.apply(0.37, y), 1e-12);
        assertArrayEquals(new double[] {0.39450591534424956, -1.7231872051327888, 0.12130026347397856, 0.9815260671229403, -0.05628286597897439,
                -0.5054673357805403, -0.6275493364691892, 2.2646063782660693, -0.024213250659783983, -0.8252386301859606}, d.apply(-0.6, y), 1e-12);
        assertArrayEquals(new double[] {-4.4754395704232826, 3.062833144005545, 1.3332206120511254, -2.7948901699720183, 0.7556349206769089,
                -1.2180921605640869, 4.508906795454966, -3.490416876851783, -2.122322757759718, 4.440566063382343}, d.apply(1.0, y), 1e-12);
        double[] y7 = java.util.Arrays.copyOf(y, 7);
        assertArrayEquals(new double[] {-1.1737109889394572, -0.8523097973714853, 2.7978979970620776, -0.945845787589636, -0.4392142064577765,
                -0.8388497500686507, 1.4520325333649282}, new FractionalDerivative(7).apply(0.37, y7), 1e-12);
    }

    @Test
    void firstDerivativeOfAPeriodicSignalIsItsAnalyticDerivative() {
        int L = 150;
        double w3 = 2 * Math.PI * 3 / L, w7 = 2 * Math.PI * 7 / L;
        double[] y = new double[L], dy = new double[L];
        for (int t = 0; t < L; t++) {
            y[t] = 2 + Math.sin(w3 * t) + 0.5 * Math.cos(w7 * t);
            dy[t] = w3 * Math.cos(w3 * t) - 0.5 * w7 * Math.sin(w7 * t);
        }
        assertArrayEquals(dy, new FractionalDerivative(L).apply(1, y), TOL);
    }

    @Test
    void fractionalDerivativeOfASineShiftsItsPhase() {
        for (int L : new int[] {150, 151, 64}) {
            FractionalDerivative d = new FractionalDerivative(L);
            for (int j : new int[] {1, 5, L / 2 - 1})
                for (double alpha : new double[] {0.15, 0.5, 0.85, -0.4, 1.7}) {
                    double w = 2 * Math.PI * j / L;  // a whole number of periods in L samples
                    double[] y = new double[L], expect = new double[L];
                    for (int t = 0; t < L; t++) {
                        y[t] = Math.sin(w * t);
                        expect[t] = Math.pow(w, alpha) * Math.sin(w * t + alpha * Math.PI / 2);
                    }
                    assertArrayEquals(expect, d.apply(alpha, y), TOL, "L " + L + ", j " + j + ", alpha " + alpha);
                }
        }
    }

    @Test
    void ordersAddOnZeroMeanSignalsWithoutNyquistContent() {
        int L = 150;
        double[] y = randomHarmonics(L, new SplittableRandom(3));
        FractionalDerivative d = new FractionalDerivative(L);
        for (double[] ab : new double[][] {{0.3, 0.4}, {0.25, -0.25}, {-0.7, 1.2}, {1, 1}}) {
            double[] twice = d.apply(ab[1], d.apply(ab[0], y));
            assertArrayEquals(d.apply(ab[0] + ab[1], y), twice, 1e-9, "D^" + ab[0] + " D^" + ab[1]);
        }
        assertArrayEquals(y, d.apply(0.25, d.apply(-0.25, y)), 1e-9, "D^-a inverts D^a");
    }

    @Test
    void orderZeroRemovesTheMeanOnly() {
        int L = 150;
        double[] y = randomHarmonics(L, new SplittableRandom(4));
        FractionalDerivative d = new FractionalDerivative(L);
        assertArrayEquals(y, d.apply(0, y), TOL, "D^0 of a zero-mean signal is itself");
        double[] shifted = y.clone();
        for (int t = 0; t < L; t++) shifted[t] += 3.5;
        assertArrayEquals(y, d.apply(0, shifted), TOL, "H(0) = 0: the mean is dropped at every order");
        assertArrayEquals(new double[L], d.apply(0.6, constant(L, 2)), TOL);
    }

    /** The Nyquist bin (even L) keeps the real part of its filter, pi^alpha cos(alpha pi/2), as numpy's .real does. */
    @Test
    void nyquistBinKeepsTheRealPartOfItsFilter() {
        int L = 20;
        double[] alt = new double[L];
        for (int t = 0; t < L; t++) alt[t] = t % 2 == 0 ? 1 : -1;
        FractionalDerivative d = new FractionalDerivative(L);
        assertArrayEquals(new double[L], d.apply(1, alt), TOL, "D^1 of (-1)^t is 0");
        double alpha = 0.4, gain = Math.pow(Math.PI, alpha) * Math.cos(alpha * Math.PI / 2);
        double[] expect = alt.clone();
        for (int t = 0; t < L; t++) expect[t] *= gain;
        assertArrayEquals(expect, d.apply(alpha, alt), TOL);
        double[] twice = d.apply(alpha, d.apply(alpha, alt)), once = d.apply(2 * alpha, alt);
        assertTrue(Math.abs(twice[0] - once[0]) > 0.1, "so the orders do not add there: " + twice[0] + " vs " + once[0]);
    }

    @Test
    void windowedApplicationMatchesTheFullOne() {
        int L = 150;
        double[] y = randomHarmonics(L, new SplittableRandom(5));
        FractionalDerivative.Operator op = new FractionalDerivative(L).at(0.31);
        double[] full = op.apply(y), part = new double[L];
        op.apply(y, 40, 110, part);
        for (int t = 40; t < 110; t++) assertEquals(full[t], part[t], 1e-14);
        assertEquals(0, part[39]);
        assertEquals(full[25], op.at(y, 25), 1e-14);
    }

    /** A zero-mean sum of random harmonics 1 .. L/2 - 1 (no mean, no Nyquist content). */
    static double[] randomHarmonics(int L, SplittableRandom r) {
        double[] y = new double[L];
        for (int k = 1; k < (L + 1) / 2; k++) {
            double a = r.nextGaussian() / k, b = r.nextGaussian() / k;
            for (int t = 0; t < L; t++) y[t] += a * Math.cos(2 * Math.PI * k * t / L) + b * Math.sin(2 * Math.PI * k * t / L);
        }
        return y;
    }

    static double[] constant(int L, double v) {
        double[] y = new double[L];
        java.util.Arrays.fill(y, v);
        return y;
    }
}
