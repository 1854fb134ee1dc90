package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.analysis.NumpyArchive;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;
import org.neuradapt.training.Trainer;

/** export: every weight of a trained run (and its initial values, and recorded trajectories) in one .npz. */
class ExportCommandTest {
    @TempDir Path tmp;

    Path trainedArun() throws Exception {
        RunConfig cfg = SyntheticTask.config("arun", tmp, 1);
        RunFolder f = RunFolder.open(tmp.resolve(cfg.name()), RunFolder.Mode.NEW);
        Network net = ModelFactory.create(cfg.model(), 1, 8, 3, cfg.seed(), DataType.FLOAT);
        new Trainer(cfg, SyntheticTask.task(8, 3), net, f, new Trainer.Listener() {}).run(false);
        return f.dir();
    }

    @Test
    void weightsInitialValuesAndTrajectoriesRoundTrip() throws Exception {
        Path run = trainedArun();
        Path traj = tmp.resolve("traj.npz");
        Files.write(traj, new NumpyArchive().put("h", Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4)).toBytes());
        Path file = tmp.resolve("out").resolve("arun.npz");
        CliRun.Out r = CliRun.run("export", "--run", run.toString(), "--file", file.toString(), "--trajectories", traj.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, INDArray> z = Nd4j.createFromNpzFile(file.toFile());
        Map<String, INDArray> best = Checkpoint.read(run.resolve(RunFolder.CHECKPOINTS).resolve("best.ckpt")).params();
        for (Map.Entry<String, INDArray> e : best.entrySet()) {
            INDArray got = z.get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertEquals(0, e.getValue().castTo(DataType.FLOAT).sub(got).amaxNumber().doubleValue(), 0, e.getKey());
            assertTrue(z.containsKey("init." + e.getKey()), "initial " + e.getKey());
        }
        // the initial parameters are those the seed draws, which training then changed
        assertFalse(z.get("W").equals(z.get("init.W")), "W trained away from its initial value");
        assertEquals(2 * best.size() + 1, z.size());
        assertEquals(23.0, z.get("trajectory.h").getDouble(1, 2, 3), 0);
    }

    @Test
    void missingTrajectoriesOrBadFileAreOneLineAndWriteNothing() throws Exception {
        Path run = trainedArun();
        CliErrorsTest.assertUserError(CliErrorsTest.run("export", "--run", run.toString(), "--trajectories"), "analyze trajectories");
        CliErrorsTest.assertUserError(CliErrorsTest.run("export", "--run", run.toString(), "--file", tmp.resolve("x.zip").toString()), ".npz");
        CliErrorsTest.assertUserError(CliErrorsTest.run("export", "--run", tmp.resolve("none").toString()), "not a run folder");
        assertFalse(Files.exists(run.resolve("export.npz")));
        assertFalse(Files.exists(tmp.resolve("x.zip")));
    }
}
