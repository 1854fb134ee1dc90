package org.neuradapt.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The slopes the Jacobian analyses use (docs/science.md sections 5.5, 5.6) are the derivatives of
 * the activations the models run: each against a central difference of its function, away from
 * relu's kink; and the registry hands each elementwise model its own activation's slope.
 */
class ElementwiseSlopeTest {
    static double difference(DoubleUnaryOperator f, double a) {
        double h = 1e-6 * Math.max(1, Math.abs(a));
        return (f.applyAsDouble(a + h) - f.applyAsDouble(a - h)) / (2 * h);
    }

    @Test
    void eachSlopeIsTheDerivativeOfItsActivation() {
        int checked = 0;
        for (double a = -7.95; a < 8; a += 0.1) {
            final double x = a;
            assertEquals(difference(v -> Math.max(v, 0), x), ElementwiseSlope.RELU.at(x, 0, 0), 1e-7, "relu at " + x);
            assertEquals(difference(Math::tanh, x), ElementwiseSlope.TANH.at(x, 0, 0), 1e-7, "tanh at " + x);
            assertEquals(difference(v -> Math.log1p(Math.exp(v)), x), ElementwiseSlope.SOFTPLUS.at(x, 0, 0), 1e-7, "softplus at " + x);
            for (double[] ns : new double[][] {{5, 0}, {6.3, 0.4}, {1, 1}, {30, 0.2}}) {
                if (Math.abs(ns[0] * x - 20) < 0.5) continue;   // gamma's linear guard switches at n x = 20 (docs/science.md section 1.4)
                assertEquals(difference(v -> Gamma.value(v, ns[0], ns[1]), x), ElementwiseSlope.GAMMA.at(x, ns[0], ns[1]),
                        1e-6 * Math.max(1, ns[0]), "gamma(n " + ns[0] + ", s " + ns[1] + ") at " + x);
            }
            checked++;
        }
        assertTrue(checked >= 150);
    }

    @Test
    void theRegistryGivesEachElementwiseModelItsActivationsSlope() {
        assertEquals(ElementwiseSlope.RELU, ModelRegistry.find("rnn_relu").orElseThrow().slope().orElseThrow());
        assertEquals(ElementwiseSlope.TANH, ModelRegistry.find("rnn_tanh").orElseThrow().slope().orElseThrow());
        assertEquals(ElementwiseSlope.SOFTPLUS, ModelRegistry.find("rnn_softplus").orElseThrow().slope().orElseThrow());
        for (String gamma : ModelRegistry.ids(ModelRegistry.Capability.GAMMA_SHAPE))
            assertEquals(ElementwiseSlope.GAMMA, ModelRegistry.find(gamma).orElseThrow().slope().orElseThrow(), gamma);
        for (String none : new String[] {"lstm", "gru", "lif", "alif", "rnn"})
            assertTrue(ModelRegistry.find(none).orElseThrow().slope().isEmpty(), none);
        assertEquals(ModelRegistry.ids(ModelRegistry.Capability.ELEMENTWISE_SLOPE),
                ModelRegistry.MODELS.stream().filter(m -> m.slope().isPresent()).map(ModelRegistry.Model::id).toList());
    }
}
