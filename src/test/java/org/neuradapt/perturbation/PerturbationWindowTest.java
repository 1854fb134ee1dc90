package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuradapt.UserError;

/** Windows in steps and as fractions of T (docs/science.md section 4.5), and the exact steps each drive touches. */
class PerturbationWindowTest {

    /** Which steps of sample 0, neuron 0 a drive touched, and with what value; checks every neuron and sample agree. */
    static float[] touched(Perturbation p, int steps) {
        int b = 2, n = 3;
        float[] d = new float[b * steps * n];
        p.apply(null, d, new Perturbation.Shape(b, steps, 1, n), new SplittableRandom(1));
        float[] out = new float[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = d[t * n];
            for (int i = 0; i < b; i++)
                for (int k = 0; k < n; k++)
                    if (p instanceof StepDrive) assertEquals(out[t], d[(i * steps + t) * n + k], "t=" + t);
                    else assertEquals(out[t] == 0, d[(i * steps + t) * n + k] == 0, "t=" + t);
        }
        return out;
    }

    @ParameterizedTest(name = "T={0}: {1} resolves to {2}:{3}")
    @CsvSource({
            // the paper's window, as exact fractions: 200/784 * T, rounded half up
            "784, paper, 200, 200", "196, paper, 50, 50", "49, paper, 13, 13",
            // a rounded decimal loses the half at T = 49: 0.2551 * 49 = 12.4999
            "784, 0.2551:0.2551, 200, 200", "196, 0.2551:0.2551, 50, 50", "49, 0.2551:0.2551, 12, 12",
            "784, 25.51%:25.51%, 200, 200", "196, 25.51%:25.51%, 50, 50", "49, 25.51%:25.51%, 12, 12",
            "49, 0.5:0.5, 25, 25", "196, 0:1.0, 0, 196", "196, 0:1, 0, 1", "784, 0.25:0.5, 196, 392",
            // steps are taken as they are, whatever T
            "784, 50:50, 50, 50", "49, 10:5, 10, 5", "49, 48:100, 48, 100"})
    void fractionsRoundToSteps(int steps, String text, int pos, int len) {
        Window w = text.equals("paper") ? Window.PAPER : Window.parse(text);
        assertEquals(new Window.Steps(pos, len), w.resolve(steps));
    }

    @ParameterizedTest(name = "T={0}, window {1}:{2}")
    @CsvSource({"784, 200, 200", "196, 50, 50", "49, 13, 13", "10, 3, 4", "10, 0, 10", "10, 7, 20"})
    void stepDriveTouchesExactlyTheStrictInterior(int steps, int pos, int len) {
        float[] v = touched(new StepDrive(2.5, Window.steps(pos, len)), steps);
        for (int t = 0; t < steps; t++)
            assertEquals(t > pos && t < pos + len ? 2.5f : 0f, v[t], "t=" + t);
        assertEquals(0f, v[pos], "t = pos is untouched");
        if (pos + len < steps) assertEquals(0f, v[pos + len], "t = pos + len is untouched");
        if (len >= 2) {
            assertEquals(2.5f, v[pos + 1], "t = pos + 1 is touched");
            assertEquals(2.5f, v[Math.min(pos + len - 1, steps - 1)], "t = pos + len - 1 is touched");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {49, 196, 784})
    void paperWindowAsFractionsTouchesTheSameStepsAsItsResolvedSteps(int steps) {
        Window.Steps s = Window.PAPER.resolve(steps);
        float[] fraction = touched(new StepDrive(-1.5, Window.PAPER), steps);
        float[] inSteps = touched(new StepDrive(-1.5, Window.steps(s.pos(), s.len())), steps);
        assertEquals(java.util.Arrays.toString(inSteps), java.util.Arrays.toString(fraction));
        assertEquals(0f, fraction[s.pos()]);
        assertEquals(-1.5f, fraction[s.pos() + 1]);
        assertEquals(-1.5f, fraction[s.pos() + s.len() - 1]);
        assertEquals(0f, fraction[s.pos() + s.len()]);
    }

    @Test
    void gaussianDriveUsesTheSameStrictWindow() {
        float[] v = touched(new GaussianDrive(1.0, Window.parse("0.2:0.4")), 50);  // 10:20 -> steps 11..29
        for (int t = 0; t < 50; t++) assertEquals(t > 10 && t < 30, v[t] != 0, "t=" + t);
    }

    @Test
    void containsIsStrictOnBothEnds() {
        Window.Steps s = new Window.Steps(5, 3);
        assertFalse(s.contains(5));
        assertTrue(s.contains(6));
        assertTrue(s.contains(7));
        assertFalse(s.contains(8));
        assertFalse(new Window.Steps(5, 1).contains(5) || new Window.Steps(5, 1).contains(6), "len 1 touches nothing");
    }

    @Test
    void parseTellsStepsFromFractions() {
        assertEquals(Window.steps(50, 50), Window.parse("50:50"));
        assertEquals(Window.steps(50, 50), Window.parse(" 50 : 50 "));
        assertEquals(Window.fractions(0.255, 0.255), Window.parse("0.255:0.255"));
        assertEquals(Window.fractions(0.255, 0.255), Window.parse("25.5%:25.5%"));
        assertEquals(Window.fractions(0.0, 0.5), Window.parse("0:0.5"), "one decimal makes both fractions");
        assertEquals(Window.fractions(0.0, 1.0), Window.parse("0.0:1.0"));
        for (Window w : new Window[] {Window.PAPER, Window.steps(3, 4), Window.fractions(0, 1), Window.fractions(1e-5, 0.5)})
            assertEquals(w, Window.parse(w.text()), w.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "50", "50:50:50", "a:b", "50;50", "0.2:x", "%:1", "1e:2", "0x10:5", "99999999999:1"})
    void unreadableWindowNamesTheTextAndTheForms(String text) {
        UserError e = assertThrows(UserError.class, () -> Window.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("50:50") && e.getMessage().contains("0.255:0.255") && e.getMessage().contains("25.5%"), e.getMessage());
    }

    @Test
    void negativeWindowIsRefused() {
        assertTrue(assertThrows(UserError.class, () -> Window.parse("-5:10")).getMessage().contains("negative"));
        assertTrue(assertThrows(UserError.class, () -> Window.parse("0.1:-0.1")).getMessage().contains("negative"));
    }

    @ParameterizedTest(name = "{0} at T={1}")
    @CsvSource({"196:10, 196", "200:200, 196", "1.0:0.1, 49", "1.2:0.1, 784", "0.99:0.1, 49"})
    void windowOutsideTheSequenceNamesTheWindowAndT(String text, int steps) {
        UserError e = assertThrows(UserError.class, () -> Window.parse(text).resolve(steps));
        assertTrue(e.getMessage().contains("window " + text.split(":")[0]), e.getMessage());
        assertTrue(e.getMessage().contains("T = " + steps), e.getMessage());
        assertThrows(UserError.class, () -> new StepDrive(1, Window.parse(text)).id(steps), "id resolves the window too");
        assertThrows(UserError.class, () -> touched(new GaussianDrive(1, Window.parse(text)), steps));
    }

    @Test
    void windowsBuiltInCodeAreCheckedWhenResolved() {
        assertTrue(assertThrows(UserError.class, () -> Window.steps(-1, 5).resolve(10)).getMessage().contains("T = 10"));
        assertThrows(UserError.class, () -> Window.fractions(0.1, -0.2).resolve(10));
        assertThrows(UserError.class, () -> new Window(1.5, 2, Window.Unit.STEPS), "steps are whole numbers");
        assertThrows(UserError.class, () -> Window.fractions(Double.NaN, 0.1));
        assertEquals(new Window.Steps(0, 0), Window.fractions(0.0, 0.0).resolve(49), "an empty window fits");
    }
}
