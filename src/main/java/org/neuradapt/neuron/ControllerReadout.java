package org.neuradapt.neuron;

/**
 * The Java form of a variant of the ARUN (docs/science.md sections 2.2 and 2.7) for the fused path: the
 * ARUN's controller state g_t and its linear read-outs n'_t = g_t . w_gn + b_n,
 * s'_t = g_t . w_gs + b_s are kept, and this map turns them, per neuron, into the shape
 * (n_t, s_t) of the neuron's gamma: (n_t, s_t) = psi(n'_t, s'_t). The built-in ARUN is psi =
 * identity. Why only the read-out: the controller's recurrent core (one [M, M] GEMM and the
 * SIMD tanh loops per step) is what makes the fused ARUN fast; a read-out is one call per
 * neuron and step, which the kernel inlines.
 *
 * <p>To add one, implement it together with {@link AdaptationController} (its SameDiff form:
 * {@link ArunController#step} followed by psi, with the ARUN's parameters) in one class, name it
 * as {@code model.controller} with {@code model.type: arun}, and run {@code check-model}. The
 * fused kernel runs the Java form; check-model tests the two equal. No method may allocate or
 * keep mutable state (it runs on two threads at once).
 */
public interface ControllerReadout {

    /**
     * Writes n_t = psi_n(n', s') into out[0], s_t = psi_s(n', s') into out[1] and the Jacobian
     * d n/d n', d n/d s', d s/d n', d s/d s' into out[2..5]. Documented range: psi must be finite
     * and differentiable for |n'| &lt;= 20 and |s'| &lt;= 5, which check-model scans.
     */
    void readout(double nLin, double sLin, double[] out);
}
