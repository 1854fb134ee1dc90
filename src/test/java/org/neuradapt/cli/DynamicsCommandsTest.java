package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.analysis.Csv;
import org.neuradapt.analysis.EdgeOfChaos;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.Signals;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;
import org.neuradapt.training.Trainer;

/**
 * {@code analyze eigenspectrum}, {@code edge-of-chaos} and {@code controller-pca} (docs/science.md
 * sections 5.7 to 5.9) end to end on tiny trained runs, and their refusals.
 */
class DynamicsCommandsTest {
    @TempDir Path tmp;

    Path trained(String model) throws Exception {
        // T = 16 in the config (pool 7) as in the network, so that analyses that run it on test images get inputs of its length
        RunConfig cfg = SyntheticTask.config(model, tmp, 1, "data.pool=7");
        RunFolder f = RunFolder.open(tmp.resolve(cfg.name()), RunFolder.Mode.NEW);
        Network net = ModelFactory.create(cfg.model(), 1, 16, 3, cfg.seed(), DataType.FLOAT);
        new Trainer(cfg, SyntheticTask.task(16, 3), net, f, new Trainer.Listener() {}).run(false);
        return tmp.resolve(cfg.name());
    }

    @Test
    void eigenspectrumOfTwoRunsWithTheInitOnTheUnitCircle() throws Exception {
        Path arun = trained("arun"), relu = trained("rnn_relu"), out = tmp.resolve("eig");
        CliRun.Out r = CliRun.run("analyze", "eigenspectrum", "--run", arun.toString(), "--compare", relu.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("t_arun (arun): spectral radius 1.0000 at init"), r.out());
        assertTrue(Files.size(out.resolve("eigenspectrum.png")) > 10_000);
        List<String> lines = Files.readAllLines(out.resolve("eigenspectrum.csv"));
        assertEquals("run,model,state,index,re,im,modulus", lines.get(0));
        assertEquals(1 + 2 * 2 * 6, lines.size(), "2 runs x 2 states x 6 eigenvalues");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = Csv.split(line);
            if (f.get(2).equals("init")) assertEquals(1, Double.parseDouble(f.get(6)), 1e-9, "the Henaff init lies on the unit circle: " + line);
        }
        assertTrue(Files.readString(out.resolve("eigenspectrum.json")).contains("\"trained\" : "));
    }

    @Test
    void edgeOfChaosOfAHeterogeneousRunOverlaysItsNeurons() throws Exception {
        Path het = trained("rnn_gamma_het"), out = tmp.resolve("eoc");
        // the fixture's 3-class network cannot read MNIST's test images, which the Jacobian panel runs on: that panel is
        // .ci/run's (a smoke ARUN and RNN+gamma on real MNIST); here it is switched off and must then be absent
        CliRun.Out r = CliRun.run("analyze", "edge-of-chaos", "--run", het.toString(), "--out", out.toString(), "--grid", "50", "--jacobian-samples", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(!Files.exists(out.resolve("edge_of_chaos_jacobian.csv")));
        assertTrue(Files.size(out.resolve("edge_of_chaos.png")) > 10_000);
        List<String> overlay = Files.readAllLines(out.resolve("edge_of_chaos.csv"));
        assertEquals("kind,xi,t,n,s", overlay.get(0));
        assertEquals(1 + 6, overlay.size(), "one row per neuron, no path");
        List<String> contours = Files.readAllLines(out.resolve("edge_of_chaos_contours.csv"));
        assertEquals("curve,x,level,segment,n,s", contours.get(0));
        for (String line : contours.subList(1, contours.size())) {
            List<String> f = Csv.split(line);
            if (f.get(0).equals(EdgeOfChaos.AT_X))
                assertEquals(1, org.neuradapt.neuron.Gamma.dx(Double.parseDouble(f.get(1)), Double.parseDouble(f.get(4)), Double.parseDouble(f.get(5))), 1e-9);
        }
    }

    /** The recorded n_t and s_t reach the analysis in [B, T, N] order: a flat index (b T + t) N + i is sample b, step t, neuron i. */
    @Test
    void recordingKeepsTheSampleStepNeuronLayout() throws Exception {
        AnalysisRun run = AnalysisRun.open(trained("arun"), "best", tmp.resolve("unused"), "edge-of-chaos", AnalyzeEdgeOfChaos.MODELS, "test");
        int b = 2, steps = 12, n = run.hidden();
        double[] drive = new double[b * steps * n];
        for (int i = 0; i < drive.length; i++) drive[i] = 0.3 * Math.sin(i);
        Map<String, INDArray> rec = run.network(steps, Map.of()).record(run.driveOnly(b, steps, drive), Set.of(Signals.N, Signals.S));
        EdgeOfChaos.Recording r = AnalyzeEdgeOfChaos.recording(rec);
        assertEquals(b, r.batch());
        assertEquals(steps, r.steps());
        assertEquals(n, r.neurons());
        for (int k = 0; k < b; k++)
            for (int t = 0; t < steps; t++)
                for (int i = 0; i < n; i++) {
                    assertEquals(rec.get(Signals.N).getDouble(k, t, i), r.n()[(k * steps + t) * n + i], 0);
                    assertEquals(rec.get(Signals.S).getDouble(k, t, i), r.s()[(k * steps + t) * n + i], 0);
                }
    }

    @Test
    void controllerPcaWritesTrajectoriesAndVariance() throws Exception {
        Path arun = trained("arun"), out = tmp.resolve("pca");
        CliRun.Out r = CliRun.run("analyze", "controller-pca", "--run", arun.toString(), "--out", out.toString(), "--steps", "40", "--onset", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out.resolve("controller_pca.png")) > 10_000);
        assertEquals(1 + 10 * 40, Files.readAllLines(out.resolve("controller_pca.csv")).size());
        List<String> v = Files.readAllLines(out.resolve("controller_pca_variance.csv"));
        double f1 = Double.parseDouble(Csv.split(v.get(1)).get(2)), f2 = Double.parseDouble(Csv.split(v.get(2)).get(2));
        assertTrue(f1 >= f2 && f2 >= 0 && f1 + f2 <= 1 + 1e-12, v.toString());
        assertTrue(Files.readString(out.resolve("controller_pca.json")).contains("\"explained_variance_fraction\""));
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        RobustnessCommandTest f = new RobustnessCommandTest();
        f.tmp = tmp;
        Path lstm = f.fakeRun("l", true, "model.type=lstm"), relu = f.fakeRun("r", true, "model.type=rnn_relu"),
                het = f.fakeRun("h", true, "model.type=rnn_gamma_het"), arun = f.fakeRun("a", true, "model.type=arun"), none = f.fakeRun("n", false, "model.type=arun");
        Path out = tmp.resolve("out");
        String o = out.toString();
        f.refused("lstm", out, "analyze", "eigenspectrum", "--run", lstm.toString(), "--out", o);
        f.refused("lstm", out, "analyze", "eigenspectrum", "--run", trained("rnn_relu").toString(), "--compare", lstm.toString(), "--out", o);
        f.refused("--compare", out, "analyze", "eigenspectrum", "--run", relu.toString(), "--compare", relu.toString(), "--out", o);
        f.refused("no checkpoint", out, "analyze", "eigenspectrum", "--run", none.toString(), "--out", o);
        f.refused("rnn_relu", out, "analyze", "edge-of-chaos", "--run", relu.toString(), "--out", o);
        String[][] eoc = {{"--level", "-1"}, {"--n-range", "5:2"}, {"--s-range", "0.1"}, {"--x", "1,a"}, {"--grid", "1"}, {"--xi", ""}, {"--batch", "0"},
                {"--window", "x"}, {"--window", "900:10"}, {"--window", "5:1"}, {"--steady", "3"}, {"--steady", "700:900"}};
        for (String[] b : eoc) f.refused(b[0], out, "analyze", "edge-of-chaos", "--run", het.toString(), "--out", o, b[0], b[1]);
        f.refused("rnn_gamma_het", out, "analyze", "controller-pca", "--run", het.toString(), "--out", o);
        String[][] pca = {{"--steps", "1"}, {"--onset", "399"}, {"--repeats", "0"}, {"--log-amplitudes", "2:-2:10"}, {"--amplitudes", "1,,2"}};
        for (String[] b : pca) f.refused(b[0], out, "analyze", "controller-pca", "--run", arun.toString(), "--out", o, b[0], b[1]);
    }
}
