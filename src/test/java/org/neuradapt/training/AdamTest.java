package org.neuradapt.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam against the update rule written out by hand (PyTorch's defaults, bias correction). */
class AdamTest {
    @Test
    void matchesTheUpdateRuleInFloatAndDouble() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Map<String, INDArray> params = new LinkedHashMap<>();
            params.put("w", Nd4j.createFromArray(new double[][] {{1.0, -2.0}, {0.5, 3.0}}).castTo(dt));
            params.put("b", Nd4j.createFromArray(new double[] {0.25}).castTo(dt));
            Adam adam = new Adam(params);
            double[] w = {1.0, -2.0, 0.5, 3.0, 0.25}, m = new double[5], v = new double[5];
            double lr = 0.01;
            for (int t = 1; t <= 4; t++) {
                double[] g = {0.3 * t, -0.1, 2.0 / t, 0.0, -1.5 + t};
                Map<String, INDArray> grads = Map.of(
                        "w", Nd4j.createFromArray(new double[][] {{g[0], g[1]}, {g[2], g[3]}}).castTo(dt),
                        "b", Nd4j.createFromArray(new double[] {g[4]}).castTo(dt));
                adam.update(params, grads, lr);
                for (int i = 0; i < 5; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    w[i] -= lr * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                }
            }
            double tol = dt == DataType.FLOAT ? 1e-6 : 1e-12;
            INDArray pw = params.get("w");
            assertEquals(w[0], pw.getDouble(0, 0), tol, dt + " w00");
            assertEquals(w[1], pw.getDouble(0, 1), tol, dt + " w01");
            assertEquals(w[2], pw.getDouble(1, 0), tol, dt + " w10");
            assertEquals(w[3], pw.getDouble(1, 1), tol, dt + " w11 (zero gradient: unchanged)");
            assertEquals(w[4], params.get("b").getDouble(0), tol, dt + " b");
            assertEquals(dt, pw.dataType());
            assertEquals(4, adam.step());
            assertEquals(m[4], adam.firstMoments().get("b").getDouble(0), 1e-6);
        }
    }
}
