package org.neuradapt.neuron;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A neuron's transfer function h = phi(a; theta) with its own learnable parameters theta:
 * the extension point for new activation families (docs/science.md section 2, "phi").
 *
 * <p>To add one, implement this interface in one class (a public no-argument constructor, or one
 * taking {@code Map<String, Double>} for the config's {@code model.options}) and name the class in
 * a config: {@code model: {type: rnn, activation: com.example.MyActivation}}. The Elman network
 * builder, training, checkpoints and analyses then work unchanged; gradients come from SameDiff.
 * A class that also implements {@link PointwiseActivation} (the same function in plain Java)
 * trains on the fused path instead, and {@code check-model} tests the two forms equal.
 */
public interface Activation extends ActivationFamily {

    /**
     * h = phi(a; theta) as a SameDiff expression.
     *
     * @param a      pre-activations [B, N]
     * @param params the variables of {@link #parameters} by name
     */
    SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> params);
}
