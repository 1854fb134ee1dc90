package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Drives and the sinusoidal transform (SCIENCE.md section 4). */
class DriveTest {
    @Test
    void stepDriveIsXiStrictlyInsideTheWindow() {
        int b = 2, t = 10, n = 3;
        float[] d = new Drive.Step(2.5, new Drive.Window(3, 4)).sample(b, t, n, new SplittableRandom(1));
        for (int i = 0; i < b; i++)
            for (int s = 0; s < t; s++)
                for (int k = 0; k < n; k++)
                    assertEquals(s > 3 && s < 7 ? 2.5f : 0f, d[(i * t + s) * n + k], "t=" + s);
    }

    @Test
    void gaussianDriveHasStdXiInsideAndZeroOutside() {
        int b = 50, t = 20, n = 40;
        float[] d = new Drive.Gaussian(3.0, new Drive.Window(5, 10)).sample(b, t, n, new SplittableRandom(2));
        double sum = 0, sq = 0;
        int count = 0;
        for (int i = 0; i < b; i++)
            for (int s = 0; s < t; s++)
                for (int k = 0; k < n; k++) {
                    float v = d[(i * t + s) * n + k];
                    if (s > 5 && s < 15) { sum += v; sq += v * v; count++; } else assertEquals(0f, v);
                }
        assertEquals(0.0, sum / count, 0.1);
        assertEquals(3.0, Math.sqrt(sq / count), 0.1);
    }

    @Test
    void paperWindowScalesWithT() {
        assertEquals(new Drive.Window(200, 200), Drive.Window.paperScaled(784));
        assertEquals(new Drive.Window(50, 50), Drive.Window.paperScaled(196));
    }

    @Test
    void sinusoidScalesOnlyPositiveInputs() {
        float[] x = {0f, 1f, 0.5f, 0f};
        new SinusoidalTransform(0.5, 1, 0).applyInPlace(x, 1, 4, 1);
        assertEquals(0f, x[0]);
        assertEquals((float) (1 + 0.5 * Math.sin(2 * Math.PI / 4)), x[1], 1e-6);
        assertEquals((float) (0.5 * (1 + 0.5 * Math.sin(Math.PI))), x[2], 1e-6);
        assertEquals(0f, x[3]);
    }
}
