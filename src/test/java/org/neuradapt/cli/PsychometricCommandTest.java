package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.Tasks;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Trainer;

/**
 * analyze psychometric on a network trained on a generated task (no MNIST needed): one row per
 * coherence level, the levels' trials adding up to the test split and their correct decisions
 * to the run's test accuracy; a task without a difficulty axis is refused in one line.
 */
class PsychometricCommandTest {
    @TempDir Path tmp;

    Path train(String task, String... extra) {
        List<String> o = new java.util.ArrayList<>(List.of("name=" + task, "out=" + tmp, "model.type=rnn_gamma_het", "model.hidden=8",
                "data.task=" + task, "data.steps=30", "data.train_subset=300", "data.val_subset=60", "data.test_subset=240",
                "train.epochs=2", "train.batch_size=20", "train.lr=0.01", "seed=3"));
        o.addAll(List.of(extra));
        RunConfig cfg = ConfigLoader.fromString("", o);
        Runs.train(cfg, Tasks.load(cfg.data(), cfg.seed()), RunFolder.Mode.NEW, new Trainer.Listener() {});
        return tmp.resolve(task);
    }

    @Test
    void accuracyPerCoherenceAddsUpToTheTestAccuracy() throws Exception {
        Path run = train("perceptual_decision");
        CliRun.Out r = CliRun.run("analyze", "psychometric", "--run", run.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(tmp.resolve("out/psychometric.csv"));
        assertEquals(1 + 6, rows.size(), rows.toString());
        int trials = 0, correct = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            trials += Integer.parseInt(f[3]);
            correct += Integer.parseInt(f[4]);
        }
        assertEquals(240, trials);
        double testAcc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("testAcc").asDouble();
        assertEquals(testAcc, correct / 240.0, 1e-12);
        assertTrue(Files.isRegularFile(tmp.resolve("out/psychometric.png")) && Files.isRegularFile(tmp.resolve("out/psychometric.svg")));
    }

    @Test
    void aTaskWithoutADifficultyAxisIsRefused() {
        Path run = train("delayed_match");
        CliRun.Out r = CliRun.run("analyze", "psychometric", "--run", run.toString(), "--out", tmp.resolve("out2").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no difficulty axis"), r.err());
        assertTrue(!Files.exists(tmp.resolve("out2/psychometric.csv")));
    }

    /** With a fixation output (a class at every step) the trial's decision is its last step's: one row per coherence, the trials adding up. */
    @Test
    void aFixationOutputDecidesAtTheLastStep() throws Exception {
        Path run = train("perceptual_decision", "data.options.fixation=1", "name=fix");
        CliRun.Out r = CliRun.run("analyze", "psychometric", "--run", tmp.resolve("fix").toString(), "--out", tmp.resolve("out3").toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(tmp.resolve("out3/psychometric.csv"));
        assertEquals(1 + 6, rows.size(), rows.toString());
        assertEquals(240, rows.subList(1, rows.size()).stream().mapToInt(row -> Integer.parseInt(row.split(",")[3])).sum());
        assertTrue(r.out().contains("1 - 0.500 exp"), "chance is one of the two choices: " + r.out());
    }
}
