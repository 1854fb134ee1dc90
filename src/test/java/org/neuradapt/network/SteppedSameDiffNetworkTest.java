package org.neuradapt.network;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuradapt.network.NetworkGradientTest.B;
import static org.neuradapt.network.NetworkGradientTest.C;
import static org.neuradapt.network.NetworkGradientTest.I;
import static org.neuradapt.network.NetworkGradientTest.T;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.config.ModelConfig;

/**
 * The stepped SameDiff path (one step graph run T times, BPTT driven from Java) computes what the
 * graph unrolled over T steps computes: loss, logits, every gradient and every recorded signal,
 * for the built-in cells with state beyond h (ARUN's g, LSTM's c) and the example user
 * activation, with and without drive. The unrolled graph itself is held to finite differences
 * by {@link NetworkGradientTest}.
 */
class SteppedSameDiffNetworkTest {

    static Network build(String type, String backend) {
        ModelConfig c = NetworkGradientTest.config(type);
        ModelConfig m = new ModelConfig(c.type(), c.hidden(), c.ctrl(), c.n(), c.s(), c.activation(), c.controller(), c.options(), backend);
        return ModelFactory.create(m, I, T, C, 7, DataType.DOUBLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "rnn_gamma_het", "arun", "lstm", "gru"})
    void equalsTheUnrolledGraph(String type) {
        for (boolean drive : new boolean[]{false, true}) {
            Network stepped = build(type, "samediff_stepped"), unrolled = build(type, "samediff_unrolled");
            assertEquals("samediff_stepped", stepped.backend());
            assertEquals("samediff", unrolled.backend());
            Batch batch = NetworkGradientTest.batch(drive, 21);
            Network.Gradients gs = stepped.lossAndGradients(batch), gu = unrolled.lossAndGradients(batch);
            assertEquals(gu.loss(), gs.loss(), 1e-12 * Math.abs(gu.loss()), "loss");
            assertClose(gu.logits(), gs.logits(), "logits");
            assertEquals(gu.gradients().keySet(), gs.gradients().keySet());
            for (String name : gu.gradients().keySet()) {
                assertClose(gu.gradients().get(name), gs.gradients().get(name), "d" + name + (drive ? " with drive" : ""));
                assertTrue(gu.gradients().get(name).norm2Number().doubleValue() > 0, "a gradient that can fail: " + name);
            }
            assertClose(unrolled.logits(batch), stepped.logits(batch), "logits()");
            Map<String, INDArray> rs = stepped.record(batch, stepped.signals()), ru = unrolled.record(batch, unrolled.signals());
            assertEquals(ru.keySet(), rs.keySet());
            for (String s : ru.keySet()) {
                assertArrayEquals(ru.get(s).shape(), rs.get(s).shape(), s);
                assertClose(ru.get(s), rs.get(s), "signal " + s);
            }
        }
    }

    @Test
    void trainingStepsKeepBothGraphsOnTheSameParameters() {
        Network net = build("arun", "samediff_stepped");
        Batch batch = NetworkGradientTest.batch(true, 5);
        Map<String, INDArray> before = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> before.put(k, v.dup()));
        Network.Gradients g = net.lossAndGradients(batch);
        // an in-place update (what Adam does) must change the next loss the way a gradient step does
        for (Map.Entry<String, INDArray> e : net.parameters().entrySet()) e.getValue().subi(g.gradients().get(e.getKey()).mul(1e-3));
        double after = net.lossAndGradients(batch).loss();
        assertTrue(after < g.loss(), "loss " + g.loss() + " -> " + after);
        net.parameters().forEach((k, v) -> assertTrue(v.sub(before.get(k)).norm2Number().doubleValue() > 0, k));
    }

    @Test
    void samediffBackendUnrollsShortSequencesAndStepsLongOnes() {
        ModelConfig c = NetworkGradientTest.config("rnn");
        assertEquals("samediff", ModelFactory.create(c, 1, ModelFactory.MAX_UNROLLED_STEPS, 10, 1, DataType.FLOAT).backend());
        assertEquals("samediff_stepped", ModelFactory.create(c, 1, ModelFactory.MAX_UNROLLED_STEPS + 1, 10, 1, DataType.FLOAT).backend());
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = expected.sub(actual).norm2Number().doubleValue(), norm = expected.norm2Number().doubleValue();
        assertTrue(diff <= 1e-12 * Math.max(norm, 1e-300) || diff == 0, what + ": relative difference " + diff / norm);
    }
}
