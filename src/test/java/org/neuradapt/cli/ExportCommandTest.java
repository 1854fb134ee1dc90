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
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;

/** export: every weight of a trained run (and its initial values, and recorded trajectories) in one .npz. */
class ExportCommandTest {

    @TempDir Path tmp;

    Path trainedArun() throws Exception {
        return SyntheticTask.trainedRun(tmp, "arun", 8);
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
        assertEquals(2 * best.size() + 1 + 2, z.size());   // + config and task.permutation (self-describing)
        assertEquals(org.neuradapt.config.ConfigLoader.toYaml(RunFolder.existing(run).readConfig()), org.neuradapt.analysis.NumpyArchive.text(z.get("config")),
                "the embedded config is the run's own");
        assertEquals(23.0, z.get("trajectory.h").getDouble(1, 2, 3), 0);
    }

    /**
     * The real round trip: analyze trajectories records a subsample into DIR/analysis, export
     * --trajectories carries it into the export, and the values are those of the network's own
     * recording at exactly the requested samples, steps and neurons.
     */
    @Test
    void recordedTrajectoriesRoundTripThroughTheExport() throws Exception {
        Path run = trainedArun();
        CliRun.Out rec = CliRun.run("analyze", "trajectories", "--run", run.toString(), "--input", "zeros", "--perturbation", "step", "--xi", "5",
                "--window", "200:20", "--samples", "0,2", "--steps", "190:230:5", "--neurons", "1,4");
        assertEquals(0, rec.code(), rec.err());
        Path npz = run.resolve(AnalysisRun.FOLDER).resolve("trajectories.npz");
        assertTrue(Files.isRegularFile(npz) && Files.isRegularFile(run.resolve(AnalysisRun.FOLDER).resolve("trajectories.json")));
        Path file = tmp.resolve("export.npz");
        CliRun.Out r = CliRun.run("export", "--run", run.toString(), "--file", file.toString(), "--trajectories");
        assertEquals(0, r.code(), r.err());
        Map<String, INDArray> z = Nd4j.createFromNpzFile(file.toFile());
        for (String s : new String[] {"a", "h", "n", "s"}) assertArrayEquals(new long[] {2, 8, 2}, z.get("trajectory." + s).shape(), s);
        assertArrayEquals(new long[] {2, 8, 2, 3}, z.get("trajectory.g").shape(), "g carries the controller size M = 3");
        assertArrayEquals(new double[] {0, 2}, z.get("trajectory.samples").toDoubleVector());
        assertArrayEquals(new double[] {190, 195, 200, 205, 210, 215, 220, 225}, z.get("trajectory.steps").toDoubleVector());
        assertArrayEquals(new double[] {1, 4}, z.get("trajectory.neurons").toDoubleVector());

        // the network itself, on the same zero inputs and step (xi 5 on 200 < t < 220), at T = 784 of the run's config
        AnalysisRun ar = AnalysisRun.open(run, "best", tmp.resolve("unused"), "test", java.util.List.of(), "");
        org.neuradapt.network.Batch batch = ar.batch("zeros", 3, new org.neuradapt.perturbation.StepDrive(5, new org.neuradapt.perturbation.Window(200, 20,
                org.neuradapt.perturbation.Window.Unit.STEPS)), 5);
        Map<String, INDArray> full = ar.network(784, Map.of()).record(batch, java.util.Set.of("h", "g"));
        int[] samples = {0, 2}, steps = {190, 195, 200, 205, 210, 215, 220, 225}, neurons = {1, 4};
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < steps.length; t++)
                for (int i = 0; i < 2; i++) {
                    assertEquals(full.get("h").getDouble(samples[b], steps[t], neurons[i]), z.get("trajectory.h").getDouble(b, t, i), 1e-5);
                    assertEquals(full.get("g").getDouble(samples[b], steps[t], neurons[i], 2), z.get("trajectory.g").getDouble(b, t, i, 2), 1e-5);
                }
        assertTrue(Math.abs(z.get("trajectory.a").getDouble(0, 3, 0) - z.get("trajectory.a").getDouble(0, 1, 0)) > 1, "the step of 5 shows in a at t = 205");
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
