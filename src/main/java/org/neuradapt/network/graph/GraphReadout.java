package org.neuradapt.network.graph;

import static org.neuradapt.network.Parameters.B_OUT;
import static org.neuradapt.network.Parameters.W_OUT;

import java.util.List;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.ParamSpec;

/** The linear read-out of the last hidden state, logits = h_T W_out + b_out (docs/science.md section 2). */
final class GraphReadout {
    private GraphReadout() {}

    /** PyTorch's nn.Linear default init: U(-1/sqrt(N), 1/sqrt(N)) for weight and bias. */
    static List<ParamSpec> parameters(int hidden, int classes) {
        double k = 1.0 / Math.sqrt(hidden);
        return List.of(new ParamSpec(W_OUT, new long[] {hidden, classes}, Init.uniform(-k, k)),
                new ParamSpec(B_OUT, new long[] {classes}, Init.uniform(-k, k)));
    }
}
