package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.network.Batch;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.SyntheticTask;

/** Shape signals (docs/science.md section 5.2) of an ARUN whose n_t has a closed form, and the averaging itself. */
class ShapeSignalsTest {
    static final int B = 3, T = 20, N = 6, M = 3;
    static final double[] X = {0.2, -0.5, 1.1}, U = {0.3, -0.7, 1.2, 0.05, -0.4, 0.9}, U_AG = {0.5, -0.8, 0.25}, W_GN = {0.4, 0.1, -0.6},
            W_GS = {0.02, -0.05, 0.03};
    static final double B_N = 5.5, B_S = 0.01;

    /**
     * An ARUN with W = 0, b = 0, W_gg = 0 and b_g = 0: the pre-activation is a_t = x U_i + drive_t,
     * whatever h was, and the controller forgets its past, so n_t^i = tanh(a_t^i u_ag) . w_gn + b_n
     * and s_t^i = tanh(a_t^i u_ag) . w_gs + b_s exactly.
     */
    static Network closedFormArun() {
        ModelConfig m = SyntheticTask.config("arun", Path.of("unused"), 1, "model.hidden=" + N, "model.ctrl=" + M).model();
        Network net = ModelFactory.create(m, 1, T, 3, 7, DataType.DOUBLE);
        Map<String, INDArray> p = net.parameters();
        p.get(Parameters.U).assign(Nd4j.createFromArray(U).reshape(1, N));
        p.get(Parameters.W).assign(0);
        p.get(Parameters.B).assign(0);
        p.get(Parameters.U_AG).assign(Nd4j.createFromArray(U_AG).reshape(p.get(Parameters.U_AG).shape()));
        p.get(Parameters.W_GG).assign(0);
        p.get(Parameters.B_G).assign(0);
        p.get(Parameters.W_GN).assign(Nd4j.createFromArray(W_GN).reshape(M, 1));
        p.get(Parameters.B_N).assign(B_N);
        p.get(Parameters.W_GS).assign(Nd4j.createFromArray(W_GS).reshape(M, 1));
        p.get(Parameters.B_S).assign(B_S);
        return net;
    }

    /** mean over samples b and neurons i of sum_m tanh(a u_ag[m]) w[m] + bias, a = X[b] U[i] + drive. */
    static double expected(double drive, double[] w, double bias) {
        double sum = 0;
        for (double x : X)
            for (double u : U) {
                double a = x * u + drive, v = bias;
                for (int k = 0; k < M; k++) v += Math.tanh(a * U_AG[k]) * w[k];
                sum += v;
            }
        return sum / (X.length * U.length);
    }

    @Test
    void meanShapeSignalsOfAnArunWithAClosedForm() {
        Network net = closedFormArun();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, B, T, 1);
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) x.putScalar(new long[] {b, t, 0}, X[b]);
        Window w = new Window(5, 8, Window.Unit.STEPS);  // drives t = 6..12
        ShapeSignals.Simulator sim = xi -> {
            Batch batch = Evaluation.perturbed(new Batch(x, null, null), new StepDrive(xi, w), N, new SplittableRandom(1));
            Map<String, INDArray> rec = net.record(batch, Set.of(Signals.N, Signals.S));
            return new ShapeSignals.Recorded(B, T, N, rec.get(Signals.N).dup('c').data().asDouble(), rec.get(Signals.S).dup('c').data().asDouble());
        };
        ShapeSignals.Protocol p = new ShapeSignals.Protocol(List.of(0.0, 2.0, 7.5), w.resolve(T), T, B, "test", 1);
        ShapeSignals.Result r = ShapeSignals.analyse(Source.synthetic("arun"), p, sim, Progress.NONE);
        assertEquals(3, r.curves().size());
        for (ShapeSignals.Curve c : r.curves())
            for (int t = 0; t < T; t++) {
                double drive = t > 5 && t < 13 ? c.xi() : 0;
                assertEquals(expected(drive, W_GN, B_N), c.meanN()[t], 1e-5, "n at xi " + c.xi() + ", t " + t);
                assertEquals(expected(drive, W_GS, B_S), c.meanS()[t], 1e-5, "s at xi " + c.xi() + ", t " + t);
            }
        // the drive moves n inside the window only, and differently per amplitude
        assertTrue(Math.abs(r.curves().get(2).meanN()[8] - r.curves().get(0).meanN()[8]) > 1e-2);
        assertEquals(r.curves().get(2).meanN()[15], r.curves().get(0).meanN()[15], 1e-12);
        String csv = ShapeSignals.csv(r);
        assertEquals(1 + 3 * T, csv.lines().count());
        assertTrue(csv.startsWith(ShapeSignals.CSV_HEADER + "\n0.0,0,"), csv.substring(0, 80));
        assertTrue(csv.contains("\n2.0,6,") && csv.lines().filter(l -> l.startsWith("2.0,6,")).findFirst().orElseThrow().endsWith(",true"));
        assertTrue(csv.lines().filter(l -> l.startsWith("2.0,13,")).findFirst().orElseThrow().endsWith(",false"), "t = 13 is outside 5 < t < 13");
    }

    @Test
    void averagingOverNeuronsThenSamplesWithTheSpreadOverSamples() {
        int b = 4, t = 3, n = 5;
        double[] v = new double[b * t * n], zero = new double[b * t * n];
        for (int s = 0; s < b; s++) for (int k = 0; k < t; k++) for (int i = 0; i < n; i++) v[(s * t + k) * n + i] = 10 * s + k + i;
        ShapeSignals.Curve c = ShapeSignals.average(1.5, new ShapeSignals.Recorded(b, t, n, v, zero));
        for (int k = 0; k < t; k++) {
            assertEquals(15 + k + 2, c.meanN()[k], 1e-12, "mean of 10 s over s = 0..3, k, and i over 0..4");
            assertEquals(10 * Math.sqrt(5.0 / 3), c.sdN()[k], 1e-12, "sample sd of 0, 10, 20, 30");
            assertEquals(0, c.meanS()[k]);
        }
        ShapeSignals.Curve one = ShapeSignals.average(0, new ShapeSignals.Recorded(1, t, n, new double[t * n], new double[t * n]));
        assertTrue(Double.isNaN(one.sdN()[0]), "no spread from one sample");
    }
}
