package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command fed bad input: one line starting "error:", exit code 2, no stack trace, and
 * nothing written where the command would have written. The cases need no data files; each names
 * what its message must mention.
 */
class BadInputTableTest {
    @TempDir Path tmp;

    @Test
    void everyCommandRefusesBadInputInOneLineAndWritesNothing() throws Exception {
        RobustnessCommandTest f = RobustnessCommandTest.in(tmp);
        Path arun = f.fakeRun("a", true, "model.type=arun"), relu = f.fakeRun("r", true, "model.type=rnn_relu");
        Path out = tmp.resolve("out"), missing = tmp.resolve("missing");
        Path notUtf8 = Files.write(tmp.resolve("latin1.csv"), new byte[] {'t', ',', 'r', '\n', '0', ',', (byte) 0xe9, '\n'});
        Path badYaml = Files.writeString(tmp.resolve("bad.yaml"), "model: [\n");
        String o = out.toString();
        String[][] table = {
                // command line ..., then the word the message must contain (last)
                {"train", "--config", badYaml.toString(), "--set", "out=" + o, "not valid YAML"},
                {"train", "--config", missing.toString(), missing.getFileName().toString()},
                {"train", "--config", "configs/smoke.yaml", "--set", "model.type=", "--set", "out=" + o, "model.type"},
                {"train", "--config", "configs/smoke.yaml", "--set", "model.hidden=50000", "--set", "out=" + o, "model.hidden"},
                {"train", "--config", "configs/smoke.yaml", "--resume", "--overwrite", "--set", "out=" + o, "--resume"},
                {"train", "--config", "configs/smoke.yaml", "--set", "out=" + o, "--resume", "holds no run"},
                {"train", "--config", "configs/smoke.yaml", "--threads", "0", "--set", "out=" + o, "--threads"},
                {"train", "--config", "configs/smoke.yaml", "--set", "data.task=cifar", "--set", "out=" + o, "unknown task 'cifar'"},
                {"train", "--config", "configs/task_delayed_match.yaml", "--set", "data.steps=5", "--set", "out=" + o, "data.steps"},
                {"train", "--config", "configs/smoke.yaml", "--set", "run.threads=-1", "--set", "out=" + o, "run.threads"},
                {"eval", "--run", arun.toString(), "--threads", "two", "--threads"},
                {"bench", "--threads", "1,0", "--threads"},
                {"analyze", "jacobian", "--run", arun.toString(), "--threads", "-2", "--out", o, "--threads"},
                {"eval", "--run", missing.toString(), "not a run folder"},
                {"eval", "--run", arun.toString(), "--drive", "wobble", "--drive"},
                {"bench", "--model", "nope", "nope"},
                {"bench", "--hidden", "0", "--hidden"},
                {"check-model", "--config", missing.toString(), missing.getFileName().toString()},
                {"robustness", "--runs", arun.toString(), "--xi", "x", "--out", o, "--xi"},
                {"robustness", "--runs", arun.toString(), "--compare", "arun", "--out", o, "--compare"},
                {"robustness", "--runs", arun.toString(), "--at", "30", "--out", o, "--at"},
                {"plot", "robustness", missing.toString(), "--out", tmp.resolve("out/p").toString(), missing.getFileName().toString()},
                {"analyze", "shape-signals", "--run", relu.toString(), "--out", o, "arun"},
                {"analyze", "shape-signals", "--out", o, "--run"},
                {"analyze", "gain-scaling", "--run", arun.toString(), "--runs", relu.toString(), "--out", o, "--runs"},
                {"analyze", "fractional-order", "--run", arun.toString(), "--alpha-grid", "1:0:3", "--out", o, "--alpha-grid"},
                {"analyze", "fractional-order", "--response", notUtf8.toString(), "--out", o, "UTF-8"},
                {"analyze", "fractional-order", "--response", missing.toString(), "--out", o, "--response"},
                {"analyze", "lyapunov", "--run", arun.toString(), "--variant", "nope", "--out", o, "--variant"},
                {"analyze", "jacobian", "--run", arun.toString(), "--samples", "0", "--out", o, "--samples"},
                {"analyze", "edge-of-chaos", "--run", relu.toString(), "--out", o, "rnn_relu"},
                {"analyze", "edge-of-chaos", "--run", arun.toString(), "--jacobian-samples", "-1", "--out", o, "--jacobian-samples"},
                {"analyze", "eigenspectrum", "--run", arun.toString(), "--runs", arun.toString(), "--out", o, "repeats --run"},
                {"analyze", "controller-pca", "--run", relu.toString(), "--out", o, "arun"},
                {"analyze", "trajectories", "--run", arun.toString(), "--perturbation", "wobble", "--out", o, "--perturbation"},
                {"analyze", "training-curves", "--runs", missing.toString(), "--out", o, "not a run folder"},
                {"analyze", "heterogeneity", "--runs", relu.toString(), "--out", o, "rnn_gamma_het"},
                {"export", "--run", missing.toString(), "not a run folder"},
                {"sweep", "--config", missing.toString(), missing.getFileName().toString()},
                {"sweep", "--config", "configs/sweep_smoke.yaml", "--workers", "0", "--workers"},
                {"spiking", "fi", "--model", "izhikevich:XX", "--out", o, "XX"},
                {"spiking", "fit", "--model", "lif", "--duration", "-1", "--out", o, "--duration"},
                {"spiking", "adaptation", "--model", "nope", "--out", o, "nope"},
                {"spiking", "map", "--run", missing.toString(), "--out", o, "not a run folder"},
        };
        List<String> failures = new ArrayList<>();
        for (String[] row : table) {
            String[] args = java.util.Arrays.copyOf(row, row.length - 1);
            String mention = row[row.length - 1];
            CliErrorsTest.Result r = CliErrorsTest.run(args);
            String err = r.err().strip();
            boolean ok = r.code() == 2 && err.lines().count() == 1 && err.startsWith("error: ") && !err.contains("Exception") && err.contains(mention);
            if (!ok) failures.add(String.join(" ", args) + " -> exit " + r.code() + ": " + err);
            if (Files.exists(out)) {
                try (Stream<Path> s = Files.walk(out)) {
                    long files = s.filter(Files::isRegularFile).count();
                    if (files > 0) failures.add(String.join(" ", args) + " wrote " + files + " files into " + out);
                }
            }
        }
        assertEquals(List.of(), failures, "each should be one line, exit 2, naming what is wrong, and write nothing");
    }
}
