package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuradapt.config.ModelConfig;

/**
 * SameDiff gradients of every built-in model, and of the example user activation ("rnn" with
 * ScaledTanh; and SoftThreshold's Java form on the fused path), against central finite differences ({@link GradientCheck}), the input and drive gradients too on the fused path, on a tiny double instance, with and without drive.
 */
class NetworkGradientTest {
    static final int B = 3, T = 4, I = 2, N = 3, M = 2, C = 4;

    static ModelConfig config(String type) {
        if (type.equals("rnn_soft_threshold"))
            return new ModelConfig("rnn", N, M, 3.0, 0.4, "org.neuradapt.neuron.example.SoftThreshold", "arun", Map.of("g0", 1.5, "c0", 0.2), "auto");
        return type.equals("rnn")
                ? new ModelConfig("rnn", N, M, 3.0, 0.4, "org.neuradapt.neuron.example.ScaledTanh", "arun", Map.of("k0", 0.7), "samediff")
                : new ModelConfig(type, N, M, 3.0, 0.4, null, "arun", Map.of(), "samediff");
    }

    /** A batch whose inputs reach both sides of the gamma guard (n a well above 20 and below -20). */
    static Batch batch(boolean withDrive, long seed) {
        return GradientCheck.batch(B, T, I, N, C, withDrive, seed);
    }

    /** The two user-activation examples, then every registered model with a SameDiff form (the stateful ones: StatefulNetworkTest). */
    static java.util.stream.Stream<String> gradientCases() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("rnn", "rnn_soft_threshold"),
                org.neuradapt.neuron.ModelRegistry.fusedAndSameDiff().stream());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("gradientCases")
    void gradientsMatchFiniteDifferences(String type) {
        for (boolean drive : new boolean[] {false, true}) {
            Network net = ModelFactory.create(config(type), I, T, C, 7, DataType.DOUBLE);
            Batch batch = batch(drive, 11);
            assertEquals(GradientCheck.loss(net, batch), net.lossAndGradients(batch).loss(), 1e-12, "loss");
            List<GradientCheck.Row> rows = new ArrayList<>(GradientCheck.parameters(net, batch, GradientCheck.Tolerance.DOUBLE));
            if (drive) rows.addAll(GradientCheck.inputs(net, batch, GradientCheck.Tolerance.DOUBLE));
            int checked = 0;
            for (GradientCheck.Row r : rows) {
                assertTrue(r.pass(), type + (drive ? " with drive " : " ") + r);
                checked += r.entries();
            }
            assertTrue(checked > 20, "checked " + checked + " entries");
            assertEquals(net.backend().equals("fused") && drive, rows.stream().anyMatch(r -> r.name().equals("drive")),
                    "input and drive gradients checked exactly on the fused path");
        }
    }
}
