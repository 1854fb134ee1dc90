package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.config.ModelConfig;

/**
 * The fast path computes what the SameDiff graph computes (issue: forward relative error under
 * 1e-5 in float, gradients under 1e-4 relative in float and 1e-8 in double), for every built-in
 * model and for the example user activation with both forms (SoftThreshold: its Java form runs
 * fused, its SameDiff form in the graph), with and without drive, from the same seed.
 */
class FusedNetworkEqualityTest {
    static final int T = NetworkGradientTest.T, I = NetworkGradientTest.I, N = NetworkGradientTest.N, M = NetworkGradientTest.M, C = 10;

    static Network build(String type, String backend, DataType dt) {
        ModelConfig m = type.contains(".") ? new ModelConfig("rnn", N, M, 3.0, 0.4, type, "arun", Map.of("g0", 1.5, "c0", 0.2), backend)
                : new ModelConfig(type, N, M, 3.0, 0.4, null, "arun", Map.of(), backend);
        return ModelFactory.create(m, I, T, C, 13, dt);
    }

    /** max |a - b| / max(max |b|, floor): relative to the array's scale, so tiny entries do not dominate. */
    static double relErr(INDArray a, INDArray b) {
        double[] x = a.castTo(DataType.DOUBLE).data().asDouble(), y = b.castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(y.length, x.length);
        double diff = 0, scale = 1e-3;
        for (int i = 0; i < x.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
            scale = Math.max(scale, Math.abs(y[i]));
        }
        return diff / scale;
    }

    /** Every registered model with both paths (the registry decides which), and a user activation with both forms. */
    static java.util.stream.Stream<String> modelsWithBothPaths() {
        return java.util.stream.Stream.concat(org.neuradapt.neuron.ModelRegistry.fusedAndSameDiff().stream(),
                java.util.stream.Stream.of("org.neuradapt.neuron.example.SoftThreshold"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("modelsWithBothPaths")
    void fusedEqualsSameDiff(String type) {
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double fwdTol = dt == DataType.DOUBLE ? 1e-10 : 1e-5, gradTol = dt == DataType.DOUBLE ? 1e-8 : 1e-4;
            for (boolean drive : new boolean[] {false, true}) {
                Network sd = build(type, "samediff", dt), fused = build(type, "auto", dt);
                assertEquals("samediff", sd.backend());
                assertEquals("fused", fused.backend());
                assertEquals(sd.parameters().keySet(), fused.parameters().keySet());
                Batch batch = NetworkGradientTest.batch(drive, 17);
                batch = new Batch(batch.x().castTo(dt), batch.drive() == null ? null : batch.drive().castTo(dt), padLabels(batch.labels()).castTo(dt));
                Network.Gradients a = sd.lossAndGradients(batch), b = fused.lossAndGradients(batch);
                String at = type + " " + dt + (drive ? " with drive" : "");
                assertEquals(a.loss(), b.loss(), fwdTol * Math.abs(a.loss()), "loss " + at);
                assertTrue(relErr(b.logits(), a.logits()) < fwdTol, "logits " + at + ": " + relErr(b.logits(), a.logits()));
                for (String k : sd.parameters().keySet()) {
                    double e = relErr(b.gradients().get(k), a.gradients().get(k));
                    assertTrue(e < gradTol, "d loss / d " + k + " " + at + ": relative error " + e);
                }
                // recorded signals agree too
                Set<String> common = new java.util.HashSet<>(sd.signals());
                common.retainAll(fused.signals());
                common.remove(Signals.A); // LSTM/GRU name different pre-activations "a"; compared through h
                Map<String, INDArray> ra = sd.record(batch, common), rb = fused.record(batch, common);
                for (String s : common) assertTrue(relErr(rb.get(s), ra.get(s)) < fwdTol * 10, "signal " + s + " " + at);
            }
        }
    }

    /** The test batch has C_test classes; pad the one-hot labels to C. */
    static INDArray padLabels(INDArray y) {
        INDArray out = org.nd4j.linalg.factory.Nd4j.zeros(y.dataType(), y.size(0), C);
        out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, y.size(1))).assign(y);
        return out;
    }
}
