package org.neuradapt.neuron;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The fixed activations of the paper's baselines (docs/science.md section 2): relu, tanh,
 * softplus; their SameDiff form and their slope phi'(a), which the Jacobian analyses use
 * (docs/science.md sections 5.5 and 5.6).
 */
public enum ClassicActivation implements Activation {
    /** max(a, 0); slope 1 where a &gt; 0, else 0 (0 at a = 0, as the models' ReLU has it). */
    RELU {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.nn.relu(a, 0.0); }
        @Override public double slope(double a) { return a > 0 ? 1 : 0; }
    },
    TANH {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.math.tanh(a); }
        @Override public double slope(double a) {
            double t = Math.tanh(a);
            return 1 - t * t;
        }
    },
    /** log(1 + e^a); slope sigmoid(a). */
    SOFTPLUS {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.nn.softplus(a); }
        @Override public double slope(double a) { return Gamma.sigmoid(a); }
    };

    /** phi'(a). */
    public abstract double slope(double a);
}
