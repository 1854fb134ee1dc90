package org.neuradapt.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuradapt.network.GradientCheck.Row;
import org.neuradapt.neuron.LaneActivation;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.example.SoftThreshold;

/**
 * check-model's comparison of a lane form with its per-value form (PointwiseCheck.lanes): the
 * worked example passes, and a lane form whose gain gradient is off by 1% on every other
 * neuron fails on exactly that row, with an input named.
 */
class LaneCheckTest {
    private static final SoftThreshold EXAMPLE = new SoftThreshold(Map.of());

    @Test
    void exampleLaneFormPasses() {
        List<Row> rows = check(EXAMPLE);
        assertEquals(4, rows.size());
        for (Row r : rows) assertTrue(r.pass(), r.toString());
    }

    @Test
    void wrongLaneGradientFailsNamingTheParameter() {
        LaneActivation wrong = new LaneActivation() {
            public double value(double a, double[] th) { return EXAMPLE.value(a, th); }
            public double partials(double a, double[] th, double[] out) { return EXAMPLE.partials(a, th, out); }
            public List<ParamSpec> parameters(int hidden) { return EXAMPLE.parameters(hidden); }
            @Override public int cacheSize() { return EXAMPLE.cacheSize(); }
            public void forwardLanes(float[] a, float[][] th, float[] h, float[][] c, int n) { EXAMPLE.forwardLanes(a, th, h, c, n); }
            public void backwardLanes(float[] a, float[][] th, float[] h, float[][] c, float[] dh, float[] da, float[][] dTheta, int n) {
                EXAMPLE.backwardLanes(a, th, h, c, dh, da, dTheta, n);
                for (int i = 0; i < n; i += 2) dTheta[0][i] *= 1.01f;
            }
        };
        List<Row> rows = check(wrong);
        Row gain = rows.stream().filter(r -> r.name().equals("lanes: d phi/d gain")).findFirst().orElseThrow();
        assertFalse(gain.pass(), gain.toString());
        assertTrue(gain.worst().startsWith("a = "), gain.worst());
        for (Row r : rows) if (r != gain) assertTrue(r.pass(), r.toString());
    }

    private static List<Row> check(LaneActivation phi) {
        List<ParamSpec> specs = phi.parameters(3);
        double[][] theta = {{2.0, 0.0}, {0.7, -1.5}, {3.5, 2.0}};
        return PointwiseCheck.lanes(phi, specs, theta);
    }
}
