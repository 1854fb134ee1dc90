package org.neuradapt.neuron;

import java.util.List;

/**
 * An activation family h = phi(a; theta): what its two forms share, the learnable parameters
 * theta (docs/science.md section 2, "phi"). The forms are {@link Activation} (a SameDiff
 * expression, gradients from SameDiff) and {@link PointwiseActivation} (plain Java with its
 * partial derivatives, run by the fused kernel); a class may implement either or both.
 */
public interface ActivationFamily {

    /**
     * The parameters theta for a layer of {@code hidden} neurons (none by default). A
     * {@link PointwiseActivation}'s parameters are each [1] (shared by all neurons) or
     * [hidden] (one per neuron).
     */
    default List<ParamSpec> parameters(int hidden) { return List.of(); }
}
