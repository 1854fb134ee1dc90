package org.neuradapt.neuron.example;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.Activation;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.ParamSpec;

/**
 * Worked example of the extension point (docs/extending.md): a tanh whose gain
 * k_i is learned per neuron, phi(a_i) = tanh(k_i a_i), with k_0 given by {@code model.options.k0}.
 * Use it with {@code model: {type: rnn, activation: org.neuradapt.neuron.example.ScaledTanh}}.
 */
public final class ScaledTanh implements Activation {
    private final double k0;

    public ScaledTanh(Map<String, Double> options) {
        this.k0 = options.getOrDefault("k0", 1.0);
    }

    @Override
    public List<ParamSpec> parameters(int hidden) {
        return List.of(new ParamSpec("k", new long[] {hidden}, Init.constant(k0)));
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> params) {
        return sd.math.tanh(a.mul(params.get("k")));
    }
}
