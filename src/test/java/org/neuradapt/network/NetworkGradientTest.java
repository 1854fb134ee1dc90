package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.config.ModelConfig;

/**
 * SameDiff gradients of every built-in model, and of the example user activation ("rnn" with
 * ScaledTanh), against central finite differences, on a tiny double instance, with and without drive.
 */
class NetworkGradientTest {
    static final int B = 3, T = 4, I = 2, N = 3, M = 2, C = 4;

    static ModelConfig config(String type) {
        return type.equals("rnn")
                ? new ModelConfig("rnn", N, M, 3.0, 0.4, "org.neuradapt.neuron.example.ScaledTanh", "arun", Map.of("k0", 0.7), "samediff")
                : new ModelConfig(type, N, M, 3.0, 0.4, null, "arun", Map.of(), "samediff");
    }

    /** A batch whose inputs reach both sides of the gamma guard (n a well above 20 and below -20). */
    static Batch batch(boolean withDrive, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[B * T * I], d = new double[B * T * N], y = new double[B * C];
        for (int i = 0; i < x.length; i++) x[i] = (r.nextDouble() - 0.5) * (i % 7 == 0 ? 20 : 2);
        for (int i = 0; i < d.length; i++) d[i] = (r.nextDouble() - 0.5) * 3;
        for (int b = 0; b < B; b++) y[b * C + r.nextInt(C)] = 1;
        return new Batch(Nd4j.createFromArray(x).reshape(B, T, I), withDrive ? Nd4j.createFromArray(d).reshape(B, T, N) : null,
                Nd4j.createFromArray(y).reshape(B, C));
    }

    static double loss(Network net, Batch batch) {
        INDArray logits = net.logits(batch);
        double total = 0;
        for (int b = 0; b < B; b++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0, dot = 0;
            for (int c = 0; c < C; c++) max = Math.max(max, logits.getDouble(b, c));
            for (int c = 0; c < C; c++) sum += Math.exp(logits.getDouble(b, c) - max);
            for (int c = 0; c < C; c++) dot += batch.labels().getDouble(b, c) * (logits.getDouble(b, c) - max - Math.log(sum));
            total -= dot;
        }
        return total / B;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "rnn_relu", "rnn_tanh", "rnn_softplus", "rnn_gamma_fixed", "rnn_gamma_hom", "rnn_gamma_het", "arun", "lstm", "gru"})
    void gradientsMatchFiniteDifferences(String type) {
        for (boolean drive : new boolean[] {false, true}) {
            Network net = ModelFactory.create(config(type), I, T, C, 7, DataType.DOUBLE);
            Batch batch = batch(drive, 11);
            Network.Gradients g = net.lossAndGradients(batch);
            assertEquals(loss(net, batch), g.loss(), 1e-12, "loss");
            int checked = 0;
            for (Map.Entry<String, INDArray> p : net.parameters().entrySet()) {
                INDArray w = p.getValue(), grad = g.gradients().get(p.getKey());
                assertEquals(w.length(), grad.length(), p.getKey());
                for (long j = 0; j < w.length(); j++) {
                    double w0 = w.getDouble(j), h = 1e-6;
                    w.putScalar(j, w0 + h);
                    double up = loss(net, batch);
                    w.putScalar(j, w0 - h);
                    double down = loss(net, batch);
                    w.putScalar(j, w0);
                    double numeric = (up - down) / (2 * h), analytic = grad.getDouble(j);
                    assertTrue(Double.isFinite(analytic), type + " " + p.getKey() + "[" + j + "] finite");
                    assertEquals(numeric, analytic, 1e-6 * Math.max(1, Math.abs(numeric)),
                            type + (drive ? " with drive " : " ") + p.getKey() + "[" + j + "]");
                    checked++;
                }
            }
            assertTrue(checked > 20, "checked " + checked + " entries");
        }
    }
}
