package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check-model passes on every built-in model (configs/cpu_*.yaml) and on the example user
 * models, fails (exit 1) naming the parameter and the input on the deliberately wrong fixtures
 * of org.neuradapt.neuron.fixture, and refuses bad input (exit 2); train refuses a class that
 * cannot run, before any data or run folder.
 */
class CheckModelCommandTest {
    @TempDir Path tmp;

    static final String FIXTURE = "org.neuradapt.neuron.fixture.";

    static Stream<String> configs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("cpu_") || n.startsWith("example_")).sorted().toList();
            assertTrue(names.size() >= 14, "11 built-ins and the examples: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void passesOnEveryBuiltinAndExampleModel(String file) {
        CliRun.Out r = CliRun.run("check-model", "--config", "configs/" + file);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("checks passed"), r.out());
        assertFalse(r.out().contains("FAIL"), r.out());
        boolean fused = r.out().contains("gradients on the fused path");
        // every model but the SameDiff-only example runs fused, is checked against SameDiff and has its input and drive gradients checked
        assertEquals(!file.equals("example_user_activation.yaml"), fused, r.out());
        // a neuron with its own state has no SameDiff form: its partials are checked point by point instead
        boolean stateful = List.of("cpu_lif.yaml", "cpu_alif.yaml").contains(file) || file.startsWith("example_adaptation_current");
        assertEquals(stateful, r.out().contains("point by point at 200 random inputs"), r.out());
        if (fused) {
            assertEquals(!stateful, r.out().contains("fused path against the SameDiff graph"), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("drive ") && l.contains("pass")), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("input x ") && l.contains("pass")), r.out());
        }
        if (file.equals("example_clamped_arun.yaml"))
            for (String q : List.of("n, s", "d n/d n'", "d n/d s'", "d s/d n'", "d s/d s'"))
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(q + " ") && l.contains("pass")), q + ": " + r.out());
        if (file.equals("example_soft_threshold.yaml"))
            for (String q : List.of("d phi/da", "d phi/d gain", "d phi/d threshold"))
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(q + " ") && l.contains("pass")), q + ": " + r.out());
    }

    @Test
    void checksEveryPartialOfTheStatefulExampleAndTheSpikingTwin() {
        CliRun.Out r = CliRun.run("check-model", "--config", "configs/example_adaptation_current.yaml");
        assertEquals(0, r.code(), r.out());
        for (String q : List.of("d out/d a", "d out/d w", "d w'/d a", "d w'/d w", "d w'/d h", "d w'/d adapt_b", "d w'/d adapt_tau", "adapt_b", "adapt_tau"))
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(q + " ") && l.contains("pass")), q + ": " + r.out());
        CliRun.Out a = CliRun.run("check-model", "--config", "configs/cpu_alif.yaml", "--set", "model.options.learn_tau=1", "--set", "model.options.refractory=2");
        assertEquals(0, a.code(), a.out());
        for (String q : List.of("pseudo-derivative = twin", "d v'/d spike", "d adaptation'/d h", "d out/d tau_m", "d adaptation'/d tau_a", "tau_m", "tau_a", "W"))
            assertTrue(a.out().lines().anyMatch(l -> l.startsWith(q + " ") && l.contains("pass")), q + ": " + a.out());
        assertTrue(a.out().contains("network of the smooth twin"), a.out());
    }

    @Test
    void failsNamingTheStateDerivativeOfAWrongStatefulNeuron() {
        CliRun.Out r = CliRun.run("check-model", "--config", "configs/example_adaptation_current.yaml",
                "--set", "model.activation=" + FIXTURE + "WrongStateDerivative");
        assertEquals(1, r.code(), r.out());
        // the row of the wrong partial, with the input and state where it is worst; the right ones pass
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("d w'/d w ") && l.contains("FAIL") && l.contains("a = ") && l.contains("w = ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("d w'/d h ") && l.contains("pass")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("d out/d w ") && l.contains("pass")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("adapt_tau ") && l.contains("FAIL")), "the network gradient shows it too: " + r.out());
    }

    static CliRun.Out checkActivation(String className) {
        return CliRun.run("check-model", "--config", "configs/example_soft_threshold.yaml", "--set", "model.activation=" + className);
    }

    @Test
    void failsNamingTheParameterAndInputOfAWrongDerivative() {
        CliRun.Out r = checkActivation(FIXTURE + "WrongGainDerivative");
        assertEquals(1, r.code(), r.out());
        // point by point: the partial in k, with the input; in the network: the gradient of k
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("d phi/d k ") && l.contains("FAIL") && l.contains("a = ") && l.contains("k = 0.8")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("k ") && l.contains("FAIL")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("d phi/da ") && l.contains("pass")), "d phi/da is right: " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("U ") && l.contains("pass")), r.out());
        assertTrue(r.out().contains("2 of 11 checks FAILED: d phi/d k at a = "), r.out());
    }

    @Test
    void failsNamingTheJacobianEntryAndInputOfAWrongReadout() {
        CliRun.Out r = CliRun.run("check-model", "--config", "configs/example_clamped_arun.yaml", "--set", "model.controller=" + FIXTURE + "WrongReadout");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("d s/d s' ") && l.contains("FAIL") && l.contains("n' = ") && l.contains("s' = ")), r.out());
        for (String right : List.of("n, s", "d n/d n'", "d n/d s'", "d s/d n'"))
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(right + " ") && l.contains("pass")), right + ": " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("b_s ") && l.contains("FAIL")), "the network gradient of b_s fails too: " + r.out());
    }

    @Test
    void failsNamingTheInputOfANaN() {
        CliRun.Out r = checkActivation(FIXTURE + "NanAtZero");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("phi ") && l.contains("FAIL") && l.contains("a = 0.00000")), r.out());
    }

    @Test
    void failsNamingAParameterThatDoesNotFitTheLayer() {
        CliRun.Out r = checkActivation(FIXTURE + "MatrixParameter");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("FAIL: parameter 'w' of MatrixParameter has shape [2, 2]"), r.out());
    }

    @Test
    void badInputExitsTwo() {
        CliErrorsTest.assertUserError(CliErrorsTest.run("check-model", "--config", tmp.resolve("nope.yaml").toString()), "nope.yaml");
        CliErrorsTest.assertUserError(CliErrorsTest.run("check-model"), "--config");
        CliErrorsTest.assertUserError(CliErrorsTest.run("check-model", "--config", "configs/example_soft_threshold.yaml",
                "--set", "model.activation=java.lang.String"), "model.activation", "does not implement");
        CliErrorsTest.assertUserError(CliErrorsTest.run("check-model", "--config", "configs/example_soft_threshold.yaml",
                "--set", "model.activation=" + FIXTURE + "NoUsableConstructor"), "model.activation", "constructor");
    }

    @Test
    void trainRefusesAClassThatCannotRunBeforeDataOrRunFolder() {
        Path runs = tmp.resolve("runs");
        for (String[] c : new String[][] {{"java.lang.String", "does not implement"}, {FIXTURE + "NoUsableConstructor", "constructor"},
                {FIXTURE + "MatrixParameter", "parameter 'w'"}}) {
            CliErrorsTest.assertUserError(CliErrorsTest.run("train", "--config", "configs/example_soft_threshold.yaml", "--set", "out=" + runs,
                    "--set", "data.dir=" + tmp.resolve("no-data"), "--set", "model.activation=" + c[0]), "model.activation", c[1]);
        }
        CliErrorsTest.assertUserError(CliErrorsTest.run("train", "--config", "configs/example_soft_threshold.yaml", "--set", "out=" + runs,
                "--set", "data.dir=" + tmp.resolve("no-data"), "--set", "model.activation=" + FIXTURE + "NanAtZero",
                "--set", "model.backend=samediff"), "model.backend", "SameDiff form");
        assertFalse(Files.exists(runs), "no run folder");
    }
}
