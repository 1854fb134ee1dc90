package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuradapt.UserError;

/** Step and Gaussian drives (docs/science.md sections 4.1, 4.2): amplitude, statistics, reproducibility. */
class PerturbationDriveTest {

    static float[] drive(Perturbation p, int b, int t, int n, SplittableRandom rng) {
        float[] d = new float[b * t * n];
        p.apply(null, d, new Perturbation.Shape(b, t, 1, n), rng);
        return d;
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 0.5, -2, 1e-3})
    void stepDriveAddsExactlyXiAndKeepsWhatWasThere(double xi) {
        int b = 3, t = 12, n = 4;
        float[] d = new float[b * t * n];
        Arrays.fill(d, 0.25f);  // the drive is added to, not overwritten
        new StepDrive(xi, Window.steps(2, 6)).apply(null, d, new Perturbation.Shape(b, t, 1, n), null);
        for (int i = 0; i < b; i++)
            for (int s = 0; s < t; s++)
                for (int k = 0; k < n; k++)
                    assertEquals(s > 2 && s < 8 ? 0.25f + (float) xi : 0.25f, d[(i * t + s) * n + k], "t=" + s);
        assertEquals(xi, new StepDrive(xi, Window.PAPER).amplitude());
    }

    @Test
    void gaussianDriveStatistics() {
        // 400 samples x 19 steps x 50 neurons = 380,000 values inside: the std of the mean is
        // xi / sqrt(380000) = 0.0033 xi and of the std about 0.0012 xi; the tolerances are ~5 of those.
        int b = 400, t = 40, n = 50;
        double xi = 2.0;
        float[] d = drive(new GaussianDrive(xi, Window.steps(10, 20)), b, t, n, new SplittableRandom(7));
        double sum = 0, sq = 0, fourth = 0;
        long count = 0;
        for (int i = 0; i < b; i++)
            for (int s = 0; s < t; s++)
                for (int k = 0; k < n; k++) {
                    double v = d[(i * t + s) * n + k];
                    if (s > 10 && s < 30) {
                        sum += v;
                        sq += v * v;
                        fourth += v * v * v * v;
                        count++;
                    } else {
                        assertEquals(0.0, v, 0.0, "exactly 0 outside the window, t=" + s);
                    }
                }
        assertEquals(400L * 19 * 50, count);
        double mean = sum / count, std = Math.sqrt(sq / count - mean * mean);
        assertEquals(0.0, mean, 0.02 * xi, "mean");
        assertEquals(xi, std, 0.01 * xi, "std");
        assertEquals(3.0, fourth / count / Math.pow(sq / count, 2), 0.05, "kurtosis of a normal");
        assertEquals(xi, new GaussianDrive(xi, Window.PAPER).amplitude());
    }

    @Test
    void gaussianDriveIsReproducibleForTheSameSeed() {
        GaussianDrive g = new GaussianDrive(1.5, Window.parse("0.1:0.5"));
        float[] a = drive(g, 8, 30, 5, new SplittableRandom(11)), b = drive(g, 8, 30, 5, new SplittableRandom(11));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, drive(g, 8, 30, 5, new SplittableRandom(12))), "another seed, other values");
    }

    @Test
    void aSingleGaussianDrawnBatchAfterBatchDoesNotDependOnTheBatchSize() {
        GaussianDrive g = new GaussianDrive(1.0, Window.steps(2, 10));
        int t = 16, n = 3;
        float[] whole = drive(g, 12, t, n, new SplittableRandom(3));
        SplittableRandom rng = new SplittableRandom(3);
        float[] pieces = new float[whole.length];
        for (int from = 0; from < 12; from += 5) {
            int size = Math.min(5, 12 - from);
            float[] part = drive(g, size, t, n, rng);
            System.arraycopy(part, 0, pieces, from * t * n, part.length);
        }
        assertArrayEquals(whole, pieces);
    }

    @Test
    void zeroAmplitudeChangesNothingAndDrawsNothing() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Perturbation p : new Perturbation[] {new StepDrive(0), new GaussianDrive(0)}) {
            assertFalse(p.changesDrive(), p.type());
            float[] d = drive(p, 2, 10, 3, rng);
            assertArrayEquals(new float[d.length], d);
        }
        assertEquals(new SplittableRandom(5).nextLong(), rng.nextLong(), "no draws");
        assertTrue(new StepDrive(1).changesDrive() && new GaussianDrive(1).changesDrive());
        assertFalse(new StepDrive(1).changesInput() || new GaussianDrive(1).changesInput());
    }

    @Test
    void negativeStdAndNonFiniteValuesAreUserErrors() {
        UserError e = assertThrows(UserError.class, () -> new GaussianDrive(-1, Window.PAPER));
        assertTrue(e.getMessage().contains("standard deviation") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(UserError.class, () -> new GaussianDrive(1).with("xi", -0.5));
        assertThrows(UserError.class, () -> new StepDrive(Double.NaN));
        assertEquals(-3.0, new StepDrive(-3).amplitude(), "a negative step is an inhibitory drive, allowed");
    }

    @Test
    void wrongArraySizesAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class,
                () -> new StepDrive(1).apply(null, new float[5], new Perturbation.Shape(1, 4, 1, 2), null));
        assertThrows(IllegalArgumentException.class,
                () -> new StepDrive(1).apply(null, null, new Perturbation.Shape(1, 4, 1, 2), null));
    }

    @Test
    void withReplacesXiOnly() {
        Window w = Window.parse("0.1:0.2");
        assertEquals(new StepDrive(7, w), new StepDrive(1, w).with("xi", 7));
        assertEquals(new GaussianDrive(7, w), new GaussianDrive(1, w).with("xi", 7));
        assertEquals(new GaussianDrive(7, w), new GaussianDrive(1, w).withAmplitude(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepDrive(1).with("amplitude", 2));
        assertTrue(e.getMessage().contains("'amplitude'") && e.getMessage().contains("xi"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianDrive(1).with("frequency", 2));
        assertNotEquals(new StepDrive(1, w), new GaussianDrive(1, w));
    }

    @Test
    void idsResolveTheWindowForT() {
        assertEquals("step(xi=5,window=50:50)", new StepDrive(5, Window.PAPER).id(196));
        assertEquals("step(xi=5,window=200:200)", new StepDrive(5, Window.PAPER).id(784));
        assertEquals("step(xi=5,window=50:50)", new StepDrive(5, Window.steps(50, 50)).id(196), "same effect, same id");
        assertEquals("gaussian(xi=0.5,window=13:13)", new GaussianDrive(0.5, Window.PAPER).id(49));
        assertEquals("step(xi=-2.25,window=0:10)", new StepDrive(-2.25, Window.steps(0, 10)).id(49));
        assertEquals("gaussian(xi=1.0E-7,window=3:4)", new GaussianDrive(1e-7, Window.steps(3, 4)).id(49));
        assertEquals("step", new StepDrive(1).type());
        assertEquals("gaussian", new GaussianDrive(1).type());
    }
}
