package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sinusoidal input transform (docs/science.md section 4.3). */
class PerturbationSinusoidTest {

    @ParameterizedTest(name = "A={0} f={1} phase={2} T={3}")
    @CsvSource({"0.5, 1, 0, 49", "0.2, 1.7, 0, 196", "0.5, 1, 0, 784", "-0.3, 2, 1.2, 10", "1.5, 0.25, 3.14, 7"})
    void exactFactorWherePositiveAndNothingElse(double a, double f, double phase, int steps) {
        int b = 3, inputs = 2;
        float[] x = new float[b * steps * inputs], before;
        SplittableRandom r = new SplittableRandom(1);
        for (int j = 0; j < x.length; j++) x[j] = r.nextInt(3) == 0 ? 0f : r.nextInt(4) == 0 ? -(float) r.nextDouble() : (float) r.nextDouble();
        before = x.clone();
        new SinusoidalInput(a, f, phase).apply(x, null, new Perturbation.Shape(b, steps, inputs, 5), null);
        for (int i = 0; i < b; i++)
            for (int t = 0; t < steps; t++)
                for (int k = 0; k < inputs; k++) {
                    int j = (i * steps + t) * inputs + k;
                    // t / T, not t / 784: the reference divides by its own T
                    float factor = (float) (1 + a * Math.sin(2 * Math.PI * f * t / steps + phase));
                    assertEquals(before[j] > 0 ? before[j] * factor : before[j], x[j], 0f, "t=" + t);
                }
    }

    @Test
    void theTestSettingAndItsKnownValues() {
        assertEquals(new SinusoidalInput(0.5, 1, 0), SinusoidalInput.TEST);
        float[] x = {1f, 1f, 1f, 1f};
        SinusoidalInput.TEST.apply(x, null, new Perturbation.Shape(1, 4, 1, 1), null);
        assertArrayEquals(new float[] {1f, 1.5f, 1f, 0.5f}, x, 1e-6f);  // sin at 0, pi/2, pi, 3pi/2
        assertEquals(0.5, SinusoidalInput.TEST.amplitude());
    }

    @Test
    void touchesOnlyTheInputs() {
        SinusoidalInput s = new SinusoidalInput(0.5, 1, 0);
        assertTrue(s.changesInput());
        assertFalse(s.changesDrive());
        assertFalse(new SinusoidalInput(0, 1, 0).changesInput(), "A = 0 multiplies by 1");
        float[] d = {1f, 2f};
        s.apply(new float[2], d, new Perturbation.Shape(1, 2, 1, 1), null);
        assertArrayEquals(new float[] {1f, 2f}, d);
    }

    @Test
    void withAndId() {
        SinusoidalInput s = SinusoidalInput.TEST;
        assertEquals(new SinusoidalInput(0.2, 1, 0), s.with("amplitude", 0.2));
        assertEquals(new SinusoidalInput(0.2, 1, 0), s.with("A", 0.2));
        assertEquals(new SinusoidalInput(0.2, 1, 0), s.withAmplitude(0.2));
        assertEquals(new SinusoidalInput(0.5, 3, 0), s.with("frequency", 3));
        assertEquals(new SinusoidalInput(0.5, 3, 0), s.with("f", 3));
        assertEquals(new SinusoidalInput(0.5, 1, 0.5), s.with("phase", 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.with("xi", 1));
        assertTrue(e.getMessage().contains("amplitude") && e.getMessage().contains("frequency") && e.getMessage().contains("phase"), e.getMessage());
        assertEquals("sinusoid(A=0.5,f=1,phase=0)", s.id(784));
        assertEquals("sinusoid(A=0.2,f=1.75,phase=-1.5)", new SinusoidalInput(0.2, 1.75, -1.5).id(49));
        assertEquals("sinusoid", s.type());
        assertThrows(org.neuradapt.UserError.class, () -> new SinusoidalInput(Double.POSITIVE_INFINITY, 1, 0));
    }
}
