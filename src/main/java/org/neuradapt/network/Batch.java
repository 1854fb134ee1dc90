package org.neuradapt.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch, batch-major.
 *
 * @param x      inputs [B, T, I]
 * @param drive  pre-activation drive [B, T, N] added to a_t (docs/science.md section 4), or null for none
 * @param labels one-hot targets [B, C], or null when only the forward pass is wanted
 */
public record Batch(INDArray x, INDArray drive, INDArray labels) {
    public int size() { return (int) x.size(0); }
    public int steps() { return (int) x.size(1); }
}
