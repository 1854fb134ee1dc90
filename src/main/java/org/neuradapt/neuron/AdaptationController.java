package org.neuradapt.neuron;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The extension point for adaptation controllers (docs/science.md section 2, ARUN): a small recurrent
 * system, one private copy per neuron with shared weights, that reads the neuron's pre-activation
 * a_t^i and sets the shape (n_t^i, s_t^i) of that neuron's gamma activation at every step.
 *
 * <p>To add one, implement this interface in one class (public no-argument constructor, or one
 * taking {@code Map<String, Double>} for {@code model.options}) and name it in a config:
 * {@code model: {type: arun, controller: com.example.MyController}}.
 */
public interface AdaptationController {

    /** The controller's shared parameters, for N neurons and controller size M. */
    List<ParamSpec> parameters(int hidden, int size);

    /**
     * One step for all neurons of the batch.
     *
     * @param a     pre-activations a_t [B, N]
     * @param state the previous controller state, or null at the first step (g_0 = 0)
     * @return the new state (any shape the controller likes; recorded as signal "g") and n_t, s_t, each [B, N]
     */
    Step step(SameDiff sd, SDVariable a, SDVariable state, Map<String, SDVariable> params, int hidden, int size);

    /** One controller step's result. */
    record Step(SDVariable state, SDVariable n, SDVariable s) {}
}
