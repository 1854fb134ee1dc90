package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.analysis.NumpyArchive;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.NpzFiles;
import org.neuradapt.data.TaskData;
import org.neuradapt.data.Tasks;
import org.neuradapt.network.Readout;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.training.EpochMetrics;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Trainer;

/**
 * Tasks with targets at every step (docs/tasks.md, "Targets"), through the commands: the flip-flop
 * (values, squared error) learns, its accuracy columns are NaN and the robustness experiment
 * reports its mean squared error; an .npz of per-step classes under a mask that counts only a
 * response period learns to well above chance on those steps; trajectories carry what they were
 * recorded under; export -> import -> eval is exact for a per-step read-out; the stepped
 * SameDiff graph, which reads out the last step only, is refused in one line.
 */
class StepTargetsCommandTest {
    @TempDir Path tmp;

    RunConfig config(String... extra) {
        List<String> o = new java.util.ArrayList<>(List.of("out=" + tmp.resolve("runs"), "model.type=rnn_gamma_het", "model.hidden=24",
                "data.steps=30", "data.train_subset=600", "data.val_subset=100", "data.test_subset=200",
                "train.epochs=4", "train.batch_size=20", "train.lr=0.01", "seed=5"));
        o.addAll(List.of(extra));
        return ConfigLoader.fromString("", o);
    }

    Path train(RunConfig cfg) {
        Runs.train(cfg, Tasks.load(cfg.data(), cfg.seed()), RunFolder.Mode.NEW, new Trainer.Listener() {});
        return tmp.resolve("runs").resolve(cfg.name());
    }

    @Test
    void theFlipFlopLearnsAndItsRobustnessIsItsMeanSquaredError() throws Exception {
        RunConfig cfg = config("name=ff", "data.task=flip_flop", "data.options.pulse_rate=0.1");
        Path run = train(cfg);
        List<EpochMetrics> m = RunFolder.existing(run).readMetrics();
        assertTrue(Double.isNaN(m.get(0).trainAcc()) && Double.isNaN(m.get(m.size() - 1).valAcc()), "values have no accuracy");
        // the mean squared error of outputs that stay 0 is the mean of the squared targets (about 0.9 here); training goes well below
        TaskData data = Tasks.load(cfg.data(), cfg.seed());
        double zero = 0, w = 0;
        for (int i = 0; i < data.test().count() * 30; i++) {
            float mask = data.test().stepTargets().mask()[i];
            for (int k = 0; k < 3; k++) zero += mask * Math.pow(data.test().stepTargets().values()[i * 3 + k], 2);
            w += 3 * mask;
        }
        Evaluation test = Evaluation.of(Runs.load(RunFolder.existing(run), cfg, data, "best"), data.test(), 50, data.classes(), 24, Perturbation.NONE, 0);
        assertTrue(test.loss() < 0.5 * zero / w, "test MSE " + test.loss() + " against " + zero / w + " for outputs at 0");
        CliRun.Out r = CliRun.run("robustness", "--runs", run.toString(), "--xi", "0,3", "--window", "0.3:0.3", "--out", tmp.resolve("rob").toString());
        assertEquals(0, r.code(), r.err());
        List<String> summary = Files.readAllLines(tmp.resolve("rob/robustness_summary.csv"));
        assertTrue(summary.get(0).startsWith("model,value,mean_mse,"), summary.get(0));
        assertEquals(test.loss(), Double.parseDouble(summary.get(1).split(",")[2]), 1e-6);
        assertTrue(Double.parseDouble(summary.get(2).split(",")[2]) > test.loss(), "a drive raises the error: " + summary);
    }

    @Test
    void perStepClassesUnderAMaskLearnTheResponsePeriod() throws Exception {
        // a noisy pulse's sign in the first third, a fixation class (0) before the response period, the sign (1 or 2) in its last 5 steps; the mask counts fixation at half weight
        int S = 800, T = 30;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
        double[] x = new double[S * T], y = new double[S * T], mask = new double[S * T];
        for (int i = 0; i < S; i++) {
            int sign = rng.nextInt(2);
            for (int t = 0; t < T; t++) {
                x[i * T + t] = (t >= 3 && t < 10 ? (sign == 1 ? 0.5 : -0.5) : 0) + 0.5 * (rng.nextDouble() - 0.5);
                y[i * T + t] = t >= T - 5 ? 1 + sign : t < 10 ? -1 : 0;   // the stimulus period is not counted: its -1 is ignored
                mask[i * T + t] = t >= T - 5 ? 1 : t < 10 ? 0 : 0.5;
            }
        }
        NumpyArchive npz = new NumpyArchive();
        npz.put("inputs", Nd4j.createFromArray(x).reshape(S, T, 1)).put("targets", Nd4j.createFromArray(y).reshape(S, T)).put("mask", Nd4j.createFromArray(mask).reshape(S, T));
        Path file = Files.write(tmp.resolve("steps.npz"), npz.toBytes());
        RunConfig cfg = config("name=steps", "data.task=npz", "data.file=" + file, "data.train_subset=0", "data.val_subset=0", "data.test_subset=0");
        TaskData data = Tasks.load(cfg.data(), cfg.seed());
        assertEquals(Readout.STEP_CLASSES, data.readout());
        assertEquals(3, data.classes());
        Path run = train(cfg);
        Evaluation test = Evaluation.of(Runs.load(RunFolder.existing(run), cfg, data, "best"), data.test(), 50, data.classes(), 24, Perturbation.NONE, 0);
        assertTrue(test.accuracy() > 0.9, "accuracy on the counted steps " + test.accuracy());
        // trajectories carry their inputs, logits, targets and mask, perturbation and seed; export -> import -> eval is exact
        CliRun.Out r = CliRun.run("analyze", "trajectories", "--run", run.toString(), "--samples", "4", "--perturbation", "step", "--xi", "1");
        assertEquals(0, r.code(), r.err());
        Map<String, INDArray> rec = NpzFiles.read(run.resolve("analysis/trajectories.npz"));
        assertEquals(List.of(4L, (long) T, 1L), List.of(rec.get("inputs").shape()[0], rec.get("inputs").shape()[1], rec.get("inputs").shape()[2]));
        assertEquals(3, rec.get("logits").rank(), "per-step logits [K, T, C]");
        assertEquals(4 * T, rec.get("targets").length());
        assertEquals(4 * T, rec.get("mask").length());
        assertEquals(5L, rec.get("seed").getLong(0));
        assertTrue(NumpyArchive.text(rec.get("perturbation")).contains("\"step\""));
        Path exported = tmp.resolve("e.npz");
        assertEquals(0, CliRun.run("export", "--run", run.toString(), "--trajectories", "--file", exported.toString()).code());
        r = CliRun.run("import", "--npz", exported.toString(), "--set", "name=steps_copy");
        assertEquals(0, r.code(), r.err());
        Path copy = tmp.resolve("runs/steps_copy");
        Evaluation again = Evaluation.of(Runs.load(RunFolder.existing(copy), RunFolder.existing(copy).readConfig(), data, "best"), data.test(), 50,
                data.classes(), 24, Perturbation.NONE, 0);
        assertEquals(test.loss(), again.loss(), 0.0);
        assertEquals(test.accuracy(), again.accuracy(), 0.0);
    }

    @Test
    void theSteppedSameDiffGraphIsRefusedForPerStepTargets() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("sd.yaml"), ConfigLoader.toYaml(config("name=sd", "data.task=flip_flop", "model.backend=samediff_stepped", "model.type=rnn_relu")));
        CliRun.Out r = CliRun.run("train", "--config", yaml.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("model.backend") && r.err().contains("stepped") && r.err().contains("step_values"), r.err());
        assertTrue(!Files.exists(tmp.resolve("runs/sd")), "no run folder");
    }
}
