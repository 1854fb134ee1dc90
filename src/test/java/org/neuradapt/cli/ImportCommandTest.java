package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.analysis.NumpyArchive;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.TaskData;
import org.neuradapt.data.Tasks;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.Trainer;

/**
 * export -> import -> eval is exact (docs/export.md, "Importing"): the imported run folder gives
 * the trained run's test loss bit for bit, for an Elman network and an ARUN; a file that does not
 * fit the model is refused in one line naming the array, and writes nothing.
 */
class ImportCommandTest {
    @TempDir Path tmp;

    RunConfig config(String model) {
        return ConfigLoader.fromString("", List.of("name=" + model, "out=" + tmp.resolve("runs"), "model.type=" + model, "model.hidden=8", "model.ctrl=3",
                "data.task=context_integration", "data.steps=20", "data.train_subset=200", "data.val_subset=40", "data.test_subset=100",
                "train.epochs=1", "train.batch_size=20", "train.lr=0.01", "seed=4"));
    }

    @Test
    void exportImportEvalIsExact() {
        for (String model : List.of("rnn_gamma_het", "arun")) {
            RunConfig cfg = config(model);
            TaskData data = Tasks.load(cfg.data(), cfg.seed());
            Runs.train(cfg, data, RunFolder.Mode.NEW, new Trainer.Listener() {});
            Path run = tmp.resolve("runs").resolve(model), npz = tmp.resolve(model + ".npz");
            assertEquals(0, CliRun.run("export", "--run", run.toString(), "--file", npz.toString()).code());
            CliRun.Out r = CliRun.run("import", "--npz", npz.toString(), "--set", "name=" + model + "_copy");
            assertEquals(0, r.code(), r.err());
            RunConfig copy = RunFolder.existing(tmp.resolve("runs").resolve(model + "_copy")).readConfig();
            Evaluation a = Evaluation.of(Runs.load(RunFolder.existing(run), cfg, data, "best"), data.test(), 50, data.classes(), 8, Perturbation.NONE, 0);
            Evaluation b = Evaluation.of(Runs.load(RunFolder.existing(tmp.resolve("runs").resolve(model + "_copy")), copy, data, "best"), data.test(), 50,
                    data.classes(), 8, Perturbation.NONE, 0);
            assertEquals(a.loss(), b.loss(), 0.0, model);
            assertEquals(a.accuracy(), b.accuracy(), 0.0, model);
            assertTrue(Files.isRegularFile(tmp.resolve("runs").resolve(model + "_copy").resolve(ImportCommand.IMPORTED)));
        }
    }

    @Test
    void weightsThatDoNotFitTheModelAreRefusedInOneLine() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), ConfigLoader.toYaml(config("rnn_relu")));
        var w = Nd4j.rand(8, 8);
        Path noW = Files.write(tmp.resolve("a.npz"), new NumpyArchive().put("U", Nd4j.rand(4, 8)).put("W_out", Nd4j.rand(8, 2)).put("b", Nd4j.rand(8))
                .put("b_out", Nd4j.rand(2)).toBytes());
        Path wrongShape = Files.write(tmp.resolve("b.npz"), new NumpyArchive().put("U", Nd4j.rand(4, 8)).put("W", Nd4j.rand(8, 7)).put("W_out", Nd4j.rand(8, 2))
                .put("b", Nd4j.rand(8)).put("b_out", Nd4j.rand(2)).toBytes());
        Path noConfig = Files.write(tmp.resolve("d.npz"), new NumpyArchive().put("W", w).toBytes());
        String[][] cases = {
                {noW.toString(), "--config", cfg.toString(), "has no array 'W'"},
                {wrongShape.toString(), "--config", cfg.toString(), "array 'W' of"},
                {noConfig.toString(), "no 'config' array"},
                {tmp.resolve("none.npz").toString(), "no file"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("import", "--npz"));
            args.addAll(List.of(c).subList(0, c.length - 1));
            args.addAll(List.of("--set", "out=" + tmp.resolve("bad")));
            CliRun.Out r = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[c.length - 1]), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("bad")), "nothing written");
    }
}
