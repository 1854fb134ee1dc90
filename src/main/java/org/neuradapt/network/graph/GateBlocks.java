package org.neuradapt.network.graph;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.neuradapt.neuron.Init;

/** Helpers shared by the gated baselines (LSTM, GRU): gate blocks and PyTorch's init. */
final class GateBlocks {
    private GateBlocks() {}

    /** Columns [k N, (k + 1) N) of a [B, K N] gate matrix. */
    static SDVariable block(SDVariable gates, int k, int hidden) {
        return gates.get(SDIndex.all(), SDIndex.interval((long) k * hidden, (long) (k + 1) * hidden));
    }

    /** PyTorch's LSTM/GRU init: U(-1/sqrt(N), 1/sqrt(N)). */
    static Init pytorchUniform(int hidden) {
        double k = 1.0 / Math.sqrt(hidden);
        return Init.uniform(-k, k);
    }
}
