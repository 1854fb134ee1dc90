package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The first version's checks of the drives and the sinusoid, on the classes that replaced it (docs/science.md section 4). */
class DriveTest {
    static float[] drive(Perturbation p, int b, int t, int n, long seed) {
        float[] d = new float[b * t * n];
        p.apply(null, d, new Perturbation.Shape(b, t, 1, n), new SplittableRandom(seed));
        return d;
    }

    @Test
    void stepDriveIsXiStrictlyInsideTheWindow() {
        int b = 2, t = 10, n = 3;
        float[] d = drive(new StepDrive(2.5, Window.steps(3, 4)), b, t, n, 1);
        for (int i = 0; i < b; i++)
            for (int s = 0; s < t; s++)
                for (int k = 0; k < n; k++)
                    assertEquals(s > 3 && s < 7 ? 2.5f : 0f, d[(i * t + s) * n + k], "t=" + s);
    }

    @Test
    void gaussianDriveHasStdXiInsideAndZeroOutside() {
        int b = 50, t = 20, n = 40;
        float[] d = drive(new GaussianDrive(3.0, Window.steps(5, 10)), b, t, n, 2);
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
        assertEquals(new Window.Steps(200, 200), Window.PAPER.resolve(784));
        assertEquals(new Window.Steps(50, 50), Window.PAPER.resolve(196));
    }

    @Test
    void sinusoidScalesOnlyPositiveInputs() {
        float[] x = {0f, 1f, 0.5f, 0f};
        new SinusoidalInput(0.5, 1, 0).apply(x, null, new Perturbation.Shape(1, 4, 1, 3), null);
        assertEquals(0f, x[0]);
        assertEquals((float) (1 + 0.5 * Math.sin(2 * Math.PI / 4)), x[1], 1e-6);
        assertEquals((float) (0.5 * (1 + 0.5 * Math.sin(Math.PI))), x[2], 1e-6);
        assertEquals(0f, x[3]);
    }
}
