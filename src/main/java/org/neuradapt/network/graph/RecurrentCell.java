package org.neuradapt.network.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.ParamSpec;

/**
 * One step of a recurrent layer as a SameDiff expression. {@link SameDiffNetwork} unrolls it
 * over T steps, adds the read-out and the loss; a cell only states its own equations.
 */
public interface RecurrentCell {

    int hidden();

    /** Parameters of the layer for input size I (names and layouts as in {@link Parameters}). */
    List<ParamSpec> parameters(int inputSize);

    /** Signals (see {@link Signals}) this cell exposes at every step. */
    Set<String> signals();

    /**
     * Builds step t.
     *
     * @param x     input x_t [B, I]
     * @param drive drive_t [B, N] (docs/science.md section 4), added where the model defines it
     * @param prev  state after step t-1, or null at t = 1 (h_0 = 0 and all other states 0)
     */
    State step(SameDiff sd, SDVariable x, SDVariable drive, State prev, Map<String, SDVariable> p);

    /**
     * A cell's state after a step: h_t (read out after the last step), the cell's other
     * state variables (LSTM's c, ARUN's g) and the signals of this step by name.
     */
    record State(SDVariable h, Map<String, SDVariable> signals) {
        public SDVariable signal(String name) { return signals.get(name); }
    }
}
