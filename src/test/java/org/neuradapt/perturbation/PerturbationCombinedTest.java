package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Combined perturbations and NONE (docs/science.md section 4). */
class PerturbationCombinedTest {
    static final Perturbation.Shape SHAPE = new Perturbation.Shape(2, 10, 1, 3);

    static float[] input() {
        float[] x = new float[20];
        for (int j = 0; j < x.length; j++) x[j] = (j % 3 == 0) ? 0f : 0.1f * (j % 7 + 1);
        return x;
    }

    @Test
    void appliesEveryPartInOrderWithOneRandomSource() {
        StepDrive step = new StepDrive(2, Window.steps(1, 5));
        GaussianDrive gauss = new GaussianDrive(0.5, Window.steps(3, 6));
        SinusoidalInput sin = new SinusoidalInput(0.4, 1.5, 0.3);
        Perturbation all = new Perturbation.Combined(List.of(sin, step, gauss));

        float[] x = input(), d = new float[60];
        all.apply(x, d, SHAPE, new SplittableRandom(9));

        float[] x2 = input(), d2 = new float[60];
        SplittableRandom rng = new SplittableRandom(9);
        sin.apply(x2, d2, SHAPE, rng);
        step.apply(x2, d2, SHAPE, rng);
        gauss.apply(x2, d2, SHAPE, rng);
        assertArrayEquals(x2, x);
        assertArrayEquals(d2, d);
        assertTrue(all.changesDrive() && all.changesInput());
        assertEquals("combined", all.type());
        assertEquals(0.4, all.amplitude(), "the first part's");
    }

    @Test
    void noneChangesNothing() {
        Perturbation none = Perturbation.NONE;
        assertEquals("none", none.type());
        assertEquals("none", none.id(784));
        assertFalse(none.changesDrive() || none.changesInput());
        assertEquals(0.0, none.amplitude());
        assertEquals(none, new Perturbation.Combined(List.of()), "NONE is a value, equal to any empty combination");
        float[] x = input();
        none.apply(x, null, SHAPE, null);
        assertArrayEquals(input(), x);
        assertThrows(IllegalArgumentException.class, () -> none.with("xi", 1));
    }

    @Test
    void withReplacesTheParameterInEveryPartThatHasIt() {
        Window w = Window.steps(2, 3);
        Perturbation c = new Perturbation.Combined(List.of(SinusoidalInput.TEST, new StepDrive(1, w), new GaussianDrive(1, w)));
        assertEquals(new Perturbation.Combined(List.of(SinusoidalInput.TEST, new StepDrive(4, w), new GaussianDrive(4, w))), c.with("xi", 4));
        assertEquals(new Perturbation.Combined(List.of(new SinusoidalInput(0.5, 2, 0), new StepDrive(1, w), new GaussianDrive(1, w))), c.with("f", 2));
        assertEquals(new Perturbation.Combined(List.of(new SinusoidalInput(3, 1, 0), new StepDrive(3, w), new GaussianDrive(3, w))), c.withAmplitude(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.with("gain", 1));
        assertTrue(e.getMessage().contains("'gain'") && e.getMessage().contains("xi") && e.getMessage().contains("frequency"), e.getMessage());
    }

    @Test
    void idListsThePartsInOrder() {
        Perturbation c = new Perturbation.Combined(List.of(SinusoidalInput.TEST, new StepDrive(5, Window.PAPER)));
        assertEquals("combined(sinusoid(A=0.5,f=1,phase=0)+step(xi=5,window=50:50))", c.id(196));
    }

    @Test
    void partsAreCopied() {
        java.util.ArrayList<Perturbation> parts = new java.util.ArrayList<>(List.of(new StepDrive(1)));
        Perturbation.Combined c = new Perturbation.Combined(parts);
        parts.add(new StepDrive(2));
        assertEquals(1, c.parts().size());
        assertThrows(NullPointerException.class, () -> new Perturbation.Combined(java.util.Arrays.asList((Perturbation) null)));
        assertSame(Perturbation.NONE.getClass(), c.getClass());
    }
}
