package org.neuradapt.neuron;

/**
 * phi'(a) of a model whose neurons apply one elementwise activation (docs/science.md sections
 * 2.1, 5.5 and 5.6): the diagonal of the h-only Jacobian J_t = diag(phi'(a_t)) W^T. For gamma,
 * (n, s) are the neuron's shape at that step (learned, fixed, or the ARUN's n_t, s_t taken as
 * given); the other activations ignore them. A model's slope comes from {@link ModelRegistry}.
 *
 * @param name "relu", "tanh", "softplus" or "gamma"
 */
public record ElementwiseSlope(String name, Function f) {
    /** The slope as a function of the input and the shape. */
    public interface Function { double at(double a, double n, double s); }

    public double at(double a, double n, double s) { return f.at(a, n, s); }

    public static final ElementwiseSlope RELU = new ElementwiseSlope("relu", (a, n, s) -> ClassicActivation.RELU.slope(a));
    public static final ElementwiseSlope TANH = new ElementwiseSlope("tanh", (a, n, s) -> ClassicActivation.TANH.slope(a));
    public static final ElementwiseSlope SOFTPLUS = new ElementwiseSlope("softplus", (a, n, s) -> ClassicActivation.SOFTPLUS.slope(a));
    /** {@link Gamma#dx} at the neuron's (n, s). */
    public static final ElementwiseSlope GAMMA = new ElementwiseSlope("gamma", Gamma::dx);
}
