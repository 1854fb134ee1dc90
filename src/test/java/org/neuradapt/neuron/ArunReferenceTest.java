package org.neuradapt.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.config.ModelConfig;
import org.neuradapt.config.RunConfig;
import org.neuradapt.network.Batch;
import org.neuradapt.network.ModelFactory;
import org.neuradapt.network.Network;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;
import org.neuradapt.training.SyntheticTask;

/**
 * The ARUN's reference step (docs/science.md section 2.2) is what both backends run, convention for
 * convention: the fused kernel's and the SameDiff graph's recorded signals, step by step.
 */
class ArunReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"auto", "samediff"})
    void forwardReproducesTheNetworksRecordedSignals(String backend) {
        RunConfig cfg = SyntheticTask.config("arun", Path.of("unused"), 1);
        int inputs = 2, steps = 9, batch = 2, n = cfg.model().hidden(), m = cfg.model().ctrl();
        ModelConfig mc = cfg.model();
        mc = new ModelConfig(mc.type(), mc.hidden(), mc.ctrl(), mc.n(), mc.s(), mc.activation(), mc.controller(), mc.options(), backend);
        Network net = ModelFactory.create(mc, inputs, steps, 3, cfg.seed(), DataType.DOUBLE);
        assertEquals(backend.equals("auto") ? "fused" : "samediff", net.backend());
        SplittableRandom rng = new SplittableRandom(1);
        for (INDArray p : net.parameters().values()) {  // away from the init's zeros and symmetries, so that a transposed W or W_gg shows
            for (long i = 0; i < p.length(); i++) p.putScalar(i, p.getDouble(i) + 0.3 * rng.nextGaussian());
        }
        double[] x = new double[batch * steps * inputs], drive = new double[batch * steps * n];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        for (int i = 0; i < drive.length; i++) drive[i] = 0.5 * rng.nextGaussian();
        Batch b = new Batch(Nd4j.createFromArray(x).reshape(batch, steps, inputs), Nd4j.createFromArray(drive).reshape(batch, steps, n), null);
        Map<String, INDArray> rec = net.record(b, Set.of(Signals.A, Signals.H, Signals.N, Signals.S, Signals.G));

        Map<String, double[]> values = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> values.put(k, v.dup('c').data().asDouble()));
        ArunReference arun = ArunReference.of(Parameters.matrix(values.get(Parameters.W), n), values);
        double[][] u = Parameters.matrix(values.get(Parameters.U), inputs);
        double[] bias = values.get(Parameters.B);
        for (int s = 0; s < batch; s++) {
            double[] h = new double[n];
            double[][] g = new double[n][m];
            for (int t = 0; t < steps; t++) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    c[i] = bias[i] + drive[(s * steps + t) * n + i];
                    for (int j = 0; j < inputs; j++) c[i] += x[(s * steps + t) * inputs + j] * u[j][i];
                }
                ArunReference.State st = arun.forward(h, g, c);
                for (int i = 0; i < n; i++) {
                    assertEquals(rec.get(Signals.A).getDouble(s, t, i), st.a()[i], 1e-9, "a");
                    assertEquals(rec.get(Signals.N).getDouble(s, t, i), st.n()[i], 1e-9, "n");
                    assertEquals(rec.get(Signals.S).getDouble(s, t, i), st.s()[i], 1e-9, "s");
                    assertEquals(rec.get(Signals.H).getDouble(s, t, i), st.h()[i], 1e-9, "h");
                    for (int k = 0; k < m; k++) assertEquals(rec.get(Signals.G).getDouble(s, t, i, k), st.g()[i][k], 1e-9, "g");
                }
                h = st.h();
                g = st.g();
            }
        }
    }
}
