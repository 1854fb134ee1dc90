package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.analysis.Csv;
import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;
import org.neuradapt.training.SyntheticTask;

/** {@code analyze fractional-order} (docs/science.md section 5.4) end to end on a tiny ARUN, and its refusals. */
class FractionalOrderCommandTest {
    @TempDir Path tmp;

    Path trainedArun() throws Exception {
        return SyntheticTask.trainedRun(tmp, "arun", 12);
    }

    /** The robustness tests' fake run folders (a config and unreadable checkpoint bytes) and their "refused, nothing written" check. */
    RobustnessCommandTest fixtures() { return RobustnessCommandTest.in(tmp); }

    @Test
    void wholeCommandOnATinyArun() throws Exception {
        Path run = trainedArun(), out = tmp.resolve("frac");
        CliRun.Out r = CliRun.run("analyze", "fractional-order", "--run", run.toString(), "--out", out.toString(), "--trials", "3");
        assertEquals(0, r.code(), r.err());
        for (String name : List.of("fractional_order", "fractional_order_summary", "fractional_order_neurons", "fractional_order_response")) {
            assertTrue(Files.isRegularFile(out.resolve(name + ".csv")), name);
            assertTrue(Files.isRegularFile(out.resolve(name + ".json")), name);
        }
        assertTrue(Files.size(out.resolve("fractional_order.png")) > 10_000);
        assertTrue(Files.isRegularFile(out.resolve("fractional_order.svg")));
        List<String> lines = Files.readAllLines(out.resolve("fractional_order_summary.csv"));
        assertEquals("condition,target,fit,xi,alpha_star,mse,size,headline", lines.get(0));
        int headlines = 0;
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = Csv.split(line);
            double alpha = Double.parseDouble(f.get(4));
            assertTrue(alpha >= -1 && alpha <= 1, "alpha* on the grid -1:1: " + line);
            if (f.get(1).equals("shape") && f.get(2).equals("xi")) assertTrue(Double.parseDouble(f.get(6)) > 0, "a shape fit's size: " + line);
            if (f.get(7).equals("true")) {
                headlines++;
                assertEquals("shape", f.get(1));
                assertEquals("sum", f.get(2));
            }
        }
        assertEquals(2, headlines, "one headline alpha* per condition");
        assertEquals(1 + 2 * 3 * (1 + 7), lines.size(), "2 conditions x 3 targets x (the sum and 7 amplitudes > 0)");
        assertEquals(1 + 2 * 3 * 7 * 2001, Files.readAllLines(out.resolve("fractional_order.csv")).size());
        assertEquals(1 + 2 * 6, Files.readAllLines(out.resolve("fractional_order_neurons.csv")).size(), "6 neurons per condition");
        assertEquals(1 + 2 * 8 * 150, Files.readAllLines(out.resolve("fractional_order_response.csv")).size());
        assertTrue(r.out().contains("isolated: alpha* = ") && r.out().contains("interacting: alpha* = "), r.out());
        assertTrue(Files.readString(out.resolve("fractional_order.json")).contains("\"alpha_grid\" : \"-1:1:2001\""));
    }

    /**
     * {@code --response}: the network path's own mean response, written as a recorded table, gives
     * the same alpha* as the network path (one code path); bad use is refused before anything is written.
     */
    @Test
    void aRecordedResponseGivesTheNetworkPathsAlpha() throws Exception {
        Path run = trainedArun(), out = tmp.resolve("net");
        CliRun.Out r = CliRun.run("analyze", "fractional-order", "--run", run.toString(), "--out", out.toString(), "--trials", "3", "--condition", "interacting");
        assertEquals(0, r.code(), r.err());
        StringBuilder table = new StringBuilder("t,xi,response\n");
        for (String line : Files.readAllLines(out.resolve("fractional_order_response.csv")).subList(1, 1 + 8 * 150)) {
            List<String> f = Csv.split(line);  // condition,xi,t,h,...
            table.append(f.get(2)).append(',').append(f.get(1)).append(',').append(f.get(3)).append('\n');
        }
        Path csv = tmp.resolve("recorded.csv");
        Files.writeString(csv, table);
        Path rec = tmp.resolve("rec");
        CliRun.Out q = CliRun.run("analyze", "fractional-order", "--response", csv.toString(), "--out", rec.toString());
        assertEquals(0, q.code(), q.err());
        Map<String, Double> network = summary(out), recorded = summary(rec);
        assertEquals(3 * 8, recorded.size(), "3 targets x (the sum and 7 amplitudes)");
        for (Map.Entry<String, Double> e : recorded.entrySet())
            assertEquals(network.get(e.getKey()), e.getValue(), 0.0011, "alpha* " + e.getKey() + " (the response was written in 8 digits)");
        assertTrue(q.out().contains("recorded: alpha* = "), q.out());
        assertTrue(Files.readString(rec.resolve("fractional_order.json")).contains("\"response_file\""));

        for (String[] bad : new String[][] {
                {"--response", csv.toString()},  // no --out
                {"--response", csv.toString(), "--out", tmp.resolve("b1").toString(), "--xi", "1,2"},
                {"--response", csv.toString(), "--out", tmp.resolve("b2").toString(), "--run", run.toString()},
                {"--response", tmp.resolve("none.csv").toString(), "--out", tmp.resolve("b3").toString()},
                {"--response", csv.toString(), "--out", tmp.resolve("b4").toString(), "--steps", "100"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("analyze", "fractional-order"));
            args.addAll(List.of(bad));
            CliRun.Out b = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, b.code(), String.join(" ", bad) + ": " + b.err());
            assertEquals(1, b.err().strip().lines().count(), b.err());
            for (String k : List.of("b1", "b2", "b3", "b4")) assertTrue(!Files.exists(tmp.resolve(k)), "nothing written for " + String.join(" ", bad));
        }
    }

    /** condition/target/fit/xi -> alpha* of a summary CSV, the condition left out. */
    private static Map<String, Double> summary(Path dir) throws Exception {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("fractional_order_summary.csv")).subList(1, Files.readAllLines(dir.resolve("fractional_order_summary.csv")).size())) {
            List<String> f = Csv.split(line);
            m.put(f.get(1) + "/" + f.get(2) + "/" + f.get(3), Double.parseDouble(f.get(4)));
        }
        return m;
    }

    /** The protocol's inputs go through the drive: for a model with I = 1 that is the same as the input term diag(U) x. */
    @Test
    void theDriveIsWhereTheDiagonalInputTermWouldBe() throws Exception {
        AnalysisRun run = AnalysisRun.open(trainedArun(), "best", tmp.resolve("unused"), "fractional-order", AnalyzeFractionalOrder.MODELS, "test");
        int b = 2, T = 20, n = run.hidden();
        Network net = run.network(T, Map.of());
        double[] u = run.parameters().get(Parameters.U).toDoubleVector(), x = {0.7, 1.3};
        INDArray input = Nd4j.zeros(DataType.DOUBLE, b, T, 1);
        double[] drive = new double[b * T * n];
        for (int s = 0; s < b; s++)
            for (int t = 0; t < T; t++) {
                input.putScalar(new long[] {s, t, 0}, x[s]);
                for (int i = 0; i < n; i++) drive[(s * T + t) * n + i] = u[i] * x[s];  // every neuron gets the same x here, so diag(U) x = x U
            }
        INDArray viaInput = net.record(new Batch(input, null, null), Set.of(Signals.H)).get(Signals.H);
        INDArray viaDrive = net.record(run.driveOnly(b, T, drive), Set.of(Signals.H)).get(Signals.H);
        assertArrayEquals(viaInput.data().asDouble(), viaDrive.data().asDouble(), 1e-12);
        double[][] w = AnalyzeFractionalOrder.diagonal(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}})).toDoubleMatrix();
        assertArrayEquals(new double[][] {{1, 0}, {0, 4}}, w);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        RobustnessCommandTest f = fixtures();
        Path lstm = f.fakeRun("l", true, "model.type=lstm"), gru = f.fakeRun("g", true, "model.type=gru"), relu = f.fakeRun("r", true, "model.type=rnn_relu");
        Path out = tmp.resolve("out");
        String o = out.toString();
        f.refused("lstm", out, "analyze", "fractional-order", "--run", lstm.toString(), "--out", o);
        f.refused("gru", out, "analyze", "fractional-order", "--run", gru.toString(), "--out", o);
        String[][] bad = {
                {"--mse-window", "40:200"}, {"--mse-window", "40-110"}, {"--window", "140:20"}, {"--window", "200:5"}, {"--target-window", "50:1"},
                {"--alpha-grid", "0:1"}, {"--alpha-grid", "1:0:5"}, {"--neuron-alpha-grid", "-1:1:0"}, {"--early", "100:160"},
                {"--late", "149:134"}, {"--reference-step", "150"}, {"--steps", "1"}, {"--trials", "0"}, {"--xi", "0,x"}, {"--xi", "0"},
                {"--condition", "alone"}, {"--input-weights", "full"}, {"--noise-sd", "-1"}};
        for (String[] b : bad)
            f.refused(b[0], out, "analyze", "fractional-order", "--run", relu.toString(), "--out", o, b[0], b[1]);
    }
}
