package org.neuradapt.neuron;

/**
 * The optional run-of-neurons form of a {@link StatefulNeuron}, in float on SIMD lanes, for the
 * fused kernel (docs/science.md section 10.1): one call per sample and step over n neurons in
 * place of n calls of the per-value methods. Why: the per-value form is called through an
 * interface for every neuron, sample and step, and its partials are composed generically (an S x S
 * product per neuron); a lane form composes the backward pass itself and vectorises it. The
 * per-value form stays the reference: check-model and the tests hold this form to it
 * (1e-4 relative). Like the per-value methods it may not allocate or keep mutable state.
 *
 * <p>Arrays: a, h, dh, da [n]; theta [K][n]; z arrays [S][n], component k of neuron i at [k][i].
 */
public interface StatefulLanes extends StatefulNeuron {

    /** Whether the lane form applies to this instance (e.g. not with learned time constants); default true. */
    default boolean lanesApply() { return true; }

    /** h[i] = out(a[i], zPrev[.][i]; theta[.][i]) and zNext[.][i] = next(a[i], zPrev[.][i], h[i]; theta[.][i]). */
    void forwardLanes(float[] a, float[][] theta, float[][] zPrev, float[] h, float[][] zNext, int n);

    /**
     * The backward step of section 10.1 over n neurons: given dh = dL/dh_t (from the read-out and
     * W) and dz = dL/dz_t (the carry from step t+1), writes da = dL/da_t and dzPrev = dL/dz_{t-1},
     * and adds dL/dtheta into dTheta. h is the forward's output at this step.
     */
    void backwardLanes(float[] a, float[][] theta, float[][] zPrev, float[] h, float[] dh, float[][] dz,
                       float[] da, float[][] dzPrev, float[][] dTheta, int n);
}
