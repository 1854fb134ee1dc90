package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} under perturbations: the old options, fractions in --window, --perturbation, and the id in its output. */
class EvalCommandTest {
    @TempDir Path tmp;

    static CliRun.Out run(String... args) { return CliRun.run(args); }

    static String[] eval(Path dir, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "eval";
        args[1] = "--run";
        args[2] = dir.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return args;
    }

    static void assertUserError(CliRun.Out r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        String text = r.err().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        for (String m : mentions) assertTrue(text.contains(m), "should mention '" + m + "': " + text);
    }

    @Test
    void optionMistakesAreOneLineNamingTheOption() {
        Path none = tmp.resolve("no-run");  // option mistakes are reported before the run folder is read
        assertUserError(run(eval(none, "--drive", "sinusoid")), "--drive", "--perturbation");
        assertUserError(run(eval(none, "--perturbation", "ramp")), "--perturbation", "none, step, gaussian, sinusoid", "'ramp'");
        assertUserError(run(eval(none, "--drive", "step", "--perturbation", "gaussian")), "--drive", "--perturbation", "disagree");
        assertUserError(run(eval(none, "--perturbation", "sinusoid", "--xi", "1")), "--xi", "--amplitude");
        assertUserError(run(eval(none, "--perturbation", "sinusoid", "--window", "5:5")), "--window");
        assertUserError(run(eval(none, "--drive", "step", "--frequency", "2")), "--frequency");
        assertUserError(run(eval(none, "--drive", "gaussian", "--xi", "-1")), "--xi", "standard deviation");
        assertUserError(run(eval(none, "--drive", "step", "--xi", "1", "--window", "50;50")), "--window", "'50;50'", "0.255:0.255");
        assertUserError(run(eval(none, "--drive", "none", "--window", "x")), "--window", "'x'");
        assertUserError(run(eval(none, "--perturbation", "sinusoid", "--sinusoid")), "--sinusoid");
        assertUserError(run(eval(none, "--drive", "step", "--xi", "1")), none.toString(), "run folder");
    }

    @Test
    void evaluatesUnderEachPerturbationAndReportsItsId() throws Exception {
        Path data = Path.of("data");
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("train-images-idx3-ubyte"))
                || Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz")), "real MNIST absent; run ./neuradapt data fetch");
        assertEquals(0, run("train", "--config", "configs/smoke.yaml", "--set", "out=" + tmp).code());
        Path dir = tmp.resolve("smoke");  // T = 16 at data.pool 7

        JsonNode plain = json(run(eval(dir, "--json")));
        assertEquals("none", plain.get("perturbation").asText());
        assertEquals("4:4", plain.get("window").asText(), "the paper's window at T = 16");
        assertEquals("none", plain.get("drive").asText());

        JsonNode step = json(run(eval(dir, "--drive", "step", "--xi", "5", "--window", "2:8", "--json")));
        assertEquals("step(xi=5,window=2:8)", step.get("perturbation").asText());
        assertEquals("step", step.get("drive").asText());
        assertEquals(5.0, step.get("xi").asDouble());
        assertEquals("2:8", step.get("window").asText());
        assertEquals(step, json(run(eval(dir, "--perturbation", "step", "--xi", "5", "--window", "0.125:0.5", "--json"))),
                "fractions 0.125:0.5 of T = 16 are 2:8: the same id, the same result");

        JsonNode gauss = json(run(eval(dir, "--drive", "gaussian", "--xi", "2", "--window", "25%:50%", "--json")));
        assertEquals("gaussian(xi=2,window=4:8)", gauss.get("perturbation").asText());
        assertEquals(gauss.get("loss"), json(run(eval(dir, "--drive", "gaussian", "--xi", "2", "--window", "4:8", "--json"))).get("loss"),
                "the run's seed fixes the Gaussian drive");

        JsonNode sin = json(run(eval(dir, "--perturbation", "sinusoid", "--amplitude", "0.3", "--frequency", "2", "--json")));
        assertEquals("sinusoid(A=0.3,f=2,phase=0)", sin.get("perturbation").asText());
        assertTrue(sin.get("sinusoid").asBoolean());
        JsonNode old = json(run(eval(dir, "--sinusoid", "--json")));
        assertEquals("sinusoid(A=0.5,f=1,phase=0)", old.get("perturbation").asText());
        assertEquals(old.get("loss"), json(run(eval(dir, "--perturbation", "sinusoid", "--json"))).get("loss"));
        JsonNode both = json(run(eval(dir, "--sinusoid", "--drive", "step", "--xi", "1", "--window", "2:8", "--json")));
        assertEquals("combined(sinusoid(A=0.5,f=1,phase=0)+step(xi=1,window=2:8))", both.get("perturbation").asText());

        CliRun.Out line = run(eval(dir, "--drive", "step", "--xi", "5", "--window", "2:8"));
        assertEquals(0, line.code(), line.err());
        assertTrue(line.out().contains("under step(xi=5,window=2:8): accuracy "), line.out());

        assertUserError(run(eval(dir, "--drive", "step", "--xi", "1", "--window", "16:2")), "--window", "window 16:2", "T = 16");
        assertUserError(run(eval(dir, "--drive", "step", "--xi", "1", "--window", "1.0:0.2")), "--window", "T = 16");
    }

    static JsonNode json(CliRun.Out r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out().strip());
    }
}
