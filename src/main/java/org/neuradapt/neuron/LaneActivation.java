package org.neuradapt.neuron;

/**
 * An optional third form of a {@link PointwiseActivation}: phi and its backward pass over a run
 * of n neurons of one sample at once, in float, so that an implementation can put them on SIMD
 * lanes (the incubating Vector API, as the built-in gamma does; docs/science.md section 2.7).
 * Why: the per-value form is called once per neuron, sample and step through an interface, in
 * double; the built-in gamma and tanh run on lanes and are 2-3 times faster than that form.
 * The fused kernel uses this form when the storage is float and SIMD is available; double
 * precision (check-model, analyses) always uses the per-value form, and {@code check-model}
 * holds the two forms equal on random rows.
 *
 * <p>Arrays: a, h, dh, da and every cache[j], theta[k], dTheta[k] hold n values, index i the
 * neuron i of the sample's run (theta[k][i]: parameter k of neuron i, shared ones repeated).
 * cache has {@link #cacheSize()} rows. No allocation, no state in fields.
 */
public interface LaneActivation extends PointwiseActivation {

    /** h[i] = phi(a[i]; theta[.][i]) for i in [0, n), saving cache[j][i] for {@link #backwardLanes}. */
    void forwardLanes(float[] a, float[][] theta, float[] h, float[][] cache, int n);

    /**
     * da[i] = dh[i] d phi/da and dTheta[k][i] += dh[i] d phi/d theta_k at (a[i], theta[.][i]),
     * given h and the cache of {@link #forwardLanes}, for i in [0, n).
     */
    void backwardLanes(float[] a, float[][] theta, float[] h, float[][] cache, float[] dh, float[] da, float[][] dTheta, int n);
}
