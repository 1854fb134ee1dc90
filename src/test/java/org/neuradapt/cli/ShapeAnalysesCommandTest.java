package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.analysis.Csv;
import org.neuradapt.analysis.GainScaling;
import org.neuradapt.analysis.ShapeSignals;
import org.neuradapt.training.SyntheticTask;

/**
 * {@code analyze shape-signals}, {@code gain-scaling} and {@code trajectories} (docs/science.md
 * sections 5.2, 5.3, 5.10) end to end on a tiny ARUN (T = 16, zero inputs: no test needs MNIST),
 * and their refusals on paper-size configs (T = 784, N = 400, M = 50): one line, exit 2, nothing written.
 */
class ShapeAnalysesCommandTest {
    @TempDir Path tmp;

    Path trainedArun() throws Exception {
        return SyntheticTask.trainedRun(tmp, "arun", 16, "data.pool=7");  // T = 16
    }

    @Test
    void shapeSignalsAndGainScalingOnATinyArun() throws Exception {
        Path run = trainedArun(), out = tmp.resolve("out");
        CliRun.Out r = CliRun.run("analyze", "shape-signals", "--run", run.toString(), "--out", out.toString(), "--input", "zeros", "--samples", "3",
                "--xi", "0,5,30");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("shape_signals.csv"));
        assertEquals(ShapeSignals.CSV_HEADER, lines.get(0));
        assertEquals(1 + 3 * 16, lines.size(), "3 amplitudes x T = 16");
        // the paper's window at T = 16 is 4:4, t = 5..7: the same n_t before the drive, another under xi = 30
        assertEquals(field(lines, "0.0,4,", 2), field(lines, "30.0,4,", 2));
        assertNotEquals(field(lines, "0.0,6,", 2), field(lines, "30.0,6,", 2));
        assertEquals("true", field(lines, "5.0,5,", 6));
        assertEquals("false", field(lines, "5.0,8,", 6));
        assertTrue(Files.size(out.resolve("shape_signals.png")) > 10_000);
        assertTrue(Files.readString(out.resolve("shape_signals.json")).contains("\"window\" : \"4:4\""));

        CliRun.Out g = CliRun.run("analyze", "gain-scaling", "--run", run.toString(), "--out", out.toString(), "--input", "zeros", "--samples", "3");
        assertEquals(0, g.code(), g.err());
        List<String> fits = Files.readAllLines(out.resolve("gain_scaling_fits.csv"));
        assertEquals(GainScaling.FITS_HEADER, fits.get(0));
        assertEquals(3, fits.size());
        assertTrue(fits.get(1).startsWith("n,power,") && fits.get(2).startsWith("s,exponential,"), fits.toString());
        assertEquals("7", Csv.split(fits.get(1)).get(11), "the seven default amplitudes, all > 0");
        assertEquals(1 + 7, Files.readAllLines(out.resolve("gain_scaling.csv")).size());
        assertTrue(Files.readString(out.resolve("gain_scaling.json")).contains("\"measure\" : \"6:8\""), "the second half of t = 5..7");
        assertTrue(g.out().contains("gain exponent b = "), g.out());
        assertTrue(Files.isRegularFile(out.resolve("gain_scaling.svg")));

        // a second seed averaged in: the points are the means over both runs' samples
        Path other = SyntheticTask.trainedRun(tmp, "arun", 16, "data.pool=7", "seed=9", "name=t_arun9"), both = tmp.resolve("both");
        String[] common = {"--out", both.toString(), "--input", "zeros", "--samples", "3", "--xi", "1,5,30", "--seed", "5"};  // one drive for every run
        CliRun.Out g2 = CliRun.run(concat(new String[] {"analyze", "gain-scaling", "--run", run.toString(), "--runs", other.toString()}, common));
        assertEquals(0, g2.code(), g2.err());
        double pooled = Double.parseDouble(Csv.split(Files.readAllLines(both.resolve("gain_scaling.csv")).get(1)).get(1));
        double[] alone = new double[2];
        for (int k = 0; k < 2; k++) {
            Path o = tmp.resolve("alone" + k);
            String[] args = concat(new String[] {"analyze", "gain-scaling", "--run", (k == 0 ? run : other).toString()}, common);
            args[5] = o.toString();
            assertEquals(0, CliRun.run(args).code());
            alone[k] = Double.parseDouble(Csv.split(Files.readAllLines(o.resolve("gain_scaling.csv")).get(1)).get(1));
        }
        assertNotEquals(alone[0], alone[1], "two seeds, two networks");
        assertEquals((alone[0] + alone[1]) / 2, pooled, 1e-12, "mean n at xi = 1 over both runs");
        assertTrue(Files.readString(both.resolve("gain_scaling.json")).contains("t_arun9"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Any model records: an LSTM's trajectories carry its cell state c and no n, s or g (nor a, which
     * its fused kernel does not record, docs/science.md section 2.3). Trained on 4 steps, recorded
     * at the config's T = 16.
     */
    @Test
    void trajectoriesOfAnLstmUnderAGaussianDrive() throws Exception {
        Path run = SyntheticTask.trainedRun(tmp, "lstm", 4, "data.pool=7"), out = tmp.resolve("lstm");
        CliRun.Out r = CliRun.run("analyze", "trajectories", "--run", run.toString(), "--out", out.toString(), "--input", "zeros",
                "--perturbation", "gaussian", "--xi", "1", "--window", "4:4", "--samples", "3", "--neurons", "2:6:2");
        assertEquals(0, r.code(), r.err());
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> z = org.nd4j.linalg.factory.Nd4j.createFromNpzFile(out.resolve("trajectories.npz").toFile());
        // the signals and their indices, then what they were recorded under (zero inputs: no labels)
        assertEquals(java.util.Set.of("h", "c", "samples", "steps", "neurons", "inputs", "drive", "logits", "perturbation", "seed"), z.keySet());
        assertEquals(List.of(3L, 16L, 2L), java.util.Arrays.stream(z.get("c").shape()).boxed().toList());
        assertEquals(List.of(3L, 16L, 1L), java.util.Arrays.stream(z.get("inputs").shape()).boxed().toList());
        assertEquals(0.0, z.get("inputs").amaxNumber().doubleValue(), "zero inputs");
        assertEquals(List.of(3L, 16L), java.util.Arrays.stream(z.get("drive").shape()).limit(2).boxed().toList(), "the drive of every step");
        assertEquals(0.0, z.get("drive").getDouble(0, 3, 0), "no drive before the window");
        assertNotEquals(0.0, z.get("drive").getDouble(0, 5, 0), "the drive in the window");
        assertEquals(3, z.get("logits").size(0));
        assertTrue(org.neuradapt.analysis.NumpyArchive.text(z.get("perturbation")).contains("\"gaussian\""));
        assertEquals(0, z.get("h").getDouble(1, 4, 0) - z.get("h").getDouble(2, 4, 0), 1e-7, "zero inputs: samples agree before the drive");
        assertNotEquals(z.get("h").getDouble(1, 6, 0), z.get("h").getDouble(2, 6, 0), "each sample draws its own Gaussian drive");
        assertTrue(Files.readString(out.resolve("trajectories.json")).contains("gaussian(xi=1,window=4:4)"));
    }

    private static String field(List<String> lines, String prefix, int k) {
        return Csv.split(lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix))).get(k);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        RobustnessCommandTest f = RobustnessCommandTest.in(tmp);
        Path het = f.fakeRun("het", true, "model.type=rnn_gamma_het"), arun = f.fakeRun("a", true, "model.type=arun"), none = f.fakeRun("n", false, "model.type=arun");
        Path out = tmp.resolve("out");
        String o = out.toString();
        f.refused("arun", out, "analyze", "shape-signals", "--run", het.toString(), "--out", o);
        f.refused("rnn_gamma", out, "analyze", "gain-scaling", "--run", het.toString(), "--out", o);
        f.refused("checkpoint", out, "analyze", "shape-signals", "--run", none.toString(), "--out", o);
        String[][] shape = {{"--window", "0.999:0.001"}, {"--window", "900:10"}, {"--window", "x"}, {"--xi", "1,,2"}, {"--samples", "0"},
                {"--samples", "20000"}, {"--input", "noise"}};
        for (String[] b : shape) f.refused(b[0], out, "analyze", "shape-signals", "--run", arun.toString(), "--out", o, b[0], b[1]);
        String[][] gain = {{"--window", "800:5"}, {"--measure", "0:900"}, {"--measure", "9"}, {"--xi", "0,1,2"}, {"--xi", "1,-2,3,4"}, {"--samples", "-3"}};
        for (String[] b : gain) f.refused(b[0], out, "analyze", "gain-scaling", "--run", arun.toString(), "--out", o, b[0], b[1]);
        Path arun196 = f.fakeRun("a196", true, "model.type=arun", "data.pool=2");
        for (Path bad : List.of(het, arun196, none, tmp.resolve("nowhere")))
            f.refused(bad.getFileName().toString(), out, "analyze", "gain-scaling", "--run", arun.toString(), "--out", o, "--runs", bad.toString());
        String[][] traj = {{"--steps", "0:2000"}, {"--neurons", "0,400"}, {"--samples", "1:20000"}, {"--max-mb", "0.01"}, {"--max-mb", "0"},
                {"--signals", "c"}, {"--signals", "q"}, {"--xi", "5"}, {"--input", "noise"}, {"--perturbation", "wobble"}};
        for (String[] b : traj) f.refused(b[0], out, "analyze", "trajectories", "--run", arun.toString(), "--out", o, b[0], b[1]);
        f.refused("--window", out, "analyze", "trajectories", "--run", arun.toString(), "--out", o, "--perturbation", "step", "--xi", "5", "--window", "900:10");
        f.refused("--amplitude", out, "analyze", "trajectories", "--run", arun.toString(), "--out", o, "--perturbation", "step", "--amplitude", "5");
        // the paper-size ARUN (N = 400, M = 50) of 100 samples: g alone is 784 x 400 x 50 floats a sample, 6 GiB in all
        f.refused("--max-mb", out, "analyze", "trajectories", "--run", arun.toString(), "--out", o, "--samples", "100");
    }
}
