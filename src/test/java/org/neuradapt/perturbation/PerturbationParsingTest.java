package org.neuradapt.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuradapt.UserError;

/** YAML maps and CLI options to perturbations and back; every mistake a one-line UserError naming the key. */
class PerturbationParsingTest {

    static void assertUserError(Executable action, String... fragments) {
        UserError e = assertThrows(UserError.class, action);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void readsTheYamlForms() {
        assertEquals(new StepDrive(5, Window.fractions(0.255, 0.255)),
                Perturbations.fromMap("k", map("type", "step", "xi", 5, "window", map("start", 0.255, "length", 0.255))));
        assertEquals(new StepDrive(5, Window.steps(50, 50)), Perturbations.fromMap("k", map("type", "step", "xi", 5, "window", "50:50")));
        assertEquals(new StepDrive(5, Window.steps(50, 50)),
                Perturbations.fromMap("k", map("type", "step", "xi", 5, "window", map("start", 50, "length", 50))), "integers: steps");
        assertEquals(new StepDrive(5, Window.fractions(0, 1)),
                Perturbations.fromMap("k", map("type", "step", "xi", 5, "window", map("start", 0, "length", 1, "unit", "fraction"))));
        assertEquals(new StepDrive(5, Window.steps(3, 4)),
                Perturbations.fromMap("k", map("type", "step", "xi", 5.0, "window", map("start", 3.0, "length", 4.0, "unit", "steps"))));
        assertEquals(new GaussianDrive(2, Window.PAPER), Perturbations.fromMap("k", map("type", "gaussian", "xi", "2")), "default window: the paper's");
        assertEquals(new SinusoidalInput(0.2, 1, 0), Perturbations.fromMap("k", map("type", "sinusoid", "amplitude", 0.2)));
        assertEquals(SinusoidalInput.TEST, Perturbations.fromMap("k", map("type", "sinusoid")));
        assertEquals(Perturbation.NONE, Perturbations.fromMap("k", null));
        assertEquals(Perturbation.NONE, Perturbations.fromMap("k", "none"));
        assertEquals(Perturbation.NONE, Perturbations.fromMap("k", map("type", "none")));
        assertEquals(Perturbation.NONE, Perturbations.fromMap("k", List.of()));
        assertEquals(new Perturbation.Combined(List.of(SinusoidalInput.TEST, new StepDrive(1, Window.steps(2, 3)))),
                Perturbations.fromMap("k", List.of(map("type", "sinusoid"), map("type", "step", "xi", 1, "window", "2:3"))));
    }

    static Stream<Perturbation> examples() {
        return Stream.of(Perturbation.NONE, new StepDrive(5, Window.steps(50, 50)), new StepDrive(-1.25, Window.PAPER),
                new GaussianDrive(0.1 + 0.2, Window.fractions(1.0 / 3, 0)), new GaussianDrive(2, Window.fractions(0, 1)),
                SinusoidalInput.TEST, new SinusoidalInput(0.2, 1.7, -0.5),
                new Perturbation.Combined(List.of(new StepDrive(1))),
                new Perturbation.Combined(List.of(SinusoidalInput.TEST, new GaussianDrive(1, Window.steps(3, 4)),
                        new Perturbation.Combined(List.of(new StepDrive(2))))));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void toMapRoundTrips(Perturbation p) {
        Map<String, Object> m = Perturbations.toMap(p);
        assertEquals(p.type(), m.get("type"));
        assertEquals(p, Perturbations.fromMap("k", m));
        assertEquals(p.id(784), Perturbations.fromMap("k", m).id(784));
    }

    @Test
    void toMapWritesTheWindowWithItsUnit() {
        assertEquals(map("type", "step", "xi", 5.0, "window", map("start", 50.0, "length", 50.0, "unit", "steps")),
                Perturbations.toMap(new StepDrive(5, Window.steps(50, 50))));
        assertEquals(map("type", "sinusoid", "amplitude", 0.5, "frequency", 1.0, "phase", 0.0), Perturbations.toMap(SinusoidalInput.TEST));
        assertEquals(map("type", "none"), Perturbations.toMap(Perturbation.NONE));
    }

    static Stream<Arguments> yamlMistakes() {
        return Stream.of(
                Arguments.of(map("type", "stpe", "xi", 1), List.of("'train.augment.type'", "none, step, gaussian, sinusoid, combined", "'stpe'")),
                Arguments.of(map("xi", 1), List.of("'train.augment.type'", "add type")),
                Arguments.of(map("type", "step"), List.of("'train.augment.xi'", "missing")),
                Arguments.of(map("type", "step", "xi", "0,,x"), List.of("'train.augment.xi'", "must be a number", "'0,,x'")),
                Arguments.of(map("type", "gaussian", "xi", -1), List.of("'train.augment'", "standard deviation", "-1")),
                Arguments.of(map("type", "step", "xi", 1, "amplitude", 2), List.of("'train.augment.amplitude'", "known keys: type, xi, window")),
                Arguments.of(map("type", "sinusoid", "xi", 2), List.of("'train.augment.xi'", "amplitude, frequency, phase")),
                Arguments.of(map("type", "sinusoid", "frequency", "U(0,2)"), List.of("'train.augment.frequency'", "train.sinusoid_p")),
                Arguments.of(map("type", "step", "xi", 1, "window", "50;50"), List.of("'train.augment.window'", "'50;50'", "0.255:0.255")),
                Arguments.of(map("type", "step", "xi", 1, "window", map("start", 0.1)), List.of("'train.augment.window'", "start and length")),
                Arguments.of(map("type", "step", "xi", 1, "window", map("start", -0.1, "length", 0.2)), List.of("'train.augment.window'", "negative")),
                Arguments.of(map("type", "step", "xi", 1, "window", map("start", 0.1, "length", 0.2, "unit", "ms")), List.of("'train.augment.window.unit'", "steps or fraction")),
                Arguments.of(map("type", "step", "xi", 1, "window", map("start", 1.5, "length", 2, "unit", "steps")), List.of("'train.augment.window'", "whole numbers")),
                Arguments.of(map("type", "step", "xi", 1, "window", map("pos", 1, "len", 2)), List.of("'train.augment.window.pos'", "start, length, unit")),
                Arguments.of(map("type", "step", "xi", 1, "window", 5), List.of("'train.augment.window'", "50:50")),
                Arguments.of(map("type", "combined", "parts", "x"), List.of("'train.augment.parts'", "list")),
                Arguments.of(List.of(map("type", "step", "xi", 1), map("type", "gaussian", "xi", "abc")), List.of("'train.augment[1].xi'", "must be a number")),
                Arguments.of("step", List.of("'train.augment'", "'step'", "{type: step")),
                Arguments.of(7, List.of("'train.augment'", "got 7")));
    }

    @ParameterizedTest
    @MethodSource("yamlMistakes")
    void yamlMistakesNameTheKey(Object yaml, List<String> fragments) {
        assertUserError(() -> Perturbations.fromMap("train.augment", yaml), fragments.toArray(String[]::new));
    }

    @Test
    void cliOptions() {
        assertEquals(Perturbation.NONE, Perturbations.fromCli("none", 0, null, null, null));
        assertEquals(Perturbation.NONE, Perturbations.fromCli(null, 3, "50:50", null, null), "none ignores the window");
        assertEquals(new StepDrive(5, Window.PAPER), Perturbations.fromCli("step", 5, null, null, null));
        assertEquals(new StepDrive(5, Window.steps(50, 50)), Perturbations.fromCli("step", 5, "50:50", null, null));
        assertEquals(new GaussianDrive(2, Window.fractions(0.255, 0.255)), Perturbations.fromCli("gaussian", 2, "0.255:0.255", null, null));
        assertEquals(new SinusoidalInput(0.5, 1, 0), Perturbations.fromCli("sinusoid", 0.5, null, null, null));
        assertEquals(new SinusoidalInput(0.3, 2, 0.1), Perturbations.fromCli("sinusoid", 0.3, null, 2.0, 0.1));
        // the CLI and YAML forms of one perturbation are equal, so their ids (cache keys) agree
        assertEquals(Perturbations.fromCli("gaussian", 2, "25.5%:25.5%", null, null),
                Perturbations.fromMap("k", map("type", "gaussian", "xi", 2, "window", map("start", 0.255, "length", 0.255))));
    }

    @Test
    void cliMistakesNameTheOption() {
        assertUserError(() -> Perturbations.fromCli("ramp", 1, null, null, null), "--perturbation", "none, step, gaussian, sinusoid", "'ramp'");
        assertUserError(() -> Perturbations.fromCli("gaussian", -1, null, null, null), "--xi", "standard deviation");
        assertUserError(() -> Perturbations.fromCli("step", 1, "x:y", null, null), "--window", "'x:y'", "25.5%:25.5%");
        assertUserError(() -> Perturbations.fromCli("step", 1, "-5:5", null, null), "--window", "negative");
        assertUserError(() -> Perturbations.fromCli("step", 1, null, 2.0, null), "--frequency", "sinusoid");
        assertUserError(() -> Perturbations.fromCli("sinusoid", 1, "50:50", null, null), "--window", "step and gaussian");
        assertUserError(() -> Perturbations.fromCli("sinusoid", Double.NaN, null, null, null), "--amplitude");
    }

    @Test
    void lists() {
        assertArrayEquals(new double[] {0, 0.5, 1, 2.5}, Perturbations.parseList("--xi", "0,0.5,1,2.5"));
        assertArrayEquals(new double[] {-1, 1e-3}, Perturbations.parseList("--xi", " -1 , 1e-3 "));
        assertArrayEquals(new double[] {3}, Perturbations.parseList("--xi", "3"));
        assertUserError(() -> Perturbations.parseList("--xi", "0,,x"), "--xi: cannot read '0,,x'", "item 2 is empty",
                "give comma-separated numbers, e.g. 0,0.5,1");
        assertUserError(() -> Perturbations.parseList("--xi", "0,x"), "--xi:", "'x'");
        assertUserError(() -> Perturbations.parseList("--amplitude", ""), "--amplitude: cannot read ''");
        assertUserError(() -> Perturbations.parseList("--xi", "1,NaN"), "'NaN'");
        assertUserError(() -> Perturbations.parseList("--xi", "1e999"), "too large");
        assertUserError(() -> Perturbations.parseList("--xi", null), "--xi");
    }
}
