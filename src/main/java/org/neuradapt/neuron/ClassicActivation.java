package org.neuradapt.neuron;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The fixed activations of the paper's baselines (docs/science.md section 2): relu, tanh, softplus. */
public enum ClassicActivation implements Activation {
    RELU {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.nn.relu(a, 0.0); }
    },
    TANH {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.math.tanh(a); }
    },
    SOFTPLUS {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.nn.softplus(a); }
    }
}
