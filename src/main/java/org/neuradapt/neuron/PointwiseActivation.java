package org.neuradapt.neuron;

/**
 * An activation family in plain Java, h = phi(a; theta), with its partial derivatives in a and
 * in every parameter: the form the fused kernel runs (docs/science.md section 2.7;
 * docs/extending.md). Why Java: a SameDiff expression costs 50-130 microseconds of
 * interpreter overhead per op and step; these calls are inlined into the kernel's loops.
 *
 * <p>theta holds one neuron's parameter values in the order of {@link #parameters}: theta[k]
 * is parameter k's value for this neuron (the one value when it is shared, [1]; the neuron's
 * own when it is per neuron, [hidden]). The kernel owns theta and passes the same array for
 * the same neuron: never keep or change it. No method may allocate (it runs B x N x T times
 * per batch, on two threads at once: keep no mutable state in fields).
 *
 * <p>To add one, implement this interface (a public no-argument constructor, or one taking
 * {@code Map<String, Double>} for {@code model.options}), name the class in a config as
 * {@code model.activation}, and run {@code ./neuradapt check-model --config FILE}. A class
 * that also implements {@link Activation} (its SameDiff form) is run by the fused kernel, and
 * check-model tests the two forms equal.
 */
public interface PointwiseActivation extends ActivationFamily {

    /** phi(a; theta). */
    double value(double a, double[] theta);

    /**
     * Writes d phi/da into out[0] and d phi/d theta_k into out[1 + k] (out has 1 + K entries
     * for K parameters) and returns phi(a; theta).
     */
    double partials(double a, double[] theta, double[] out);

    /** A short name for messages and {@code toString} (default: the class's simple name). */
    default String name() { return getClass().getSimpleName(); }

    /**
     * The documented input range: phi and its partials are finite for |a| &lt;= this bound at
     * the initial parameters; check-model scans it (default 50, beyond what trained networks reach).
     */
    default double inputRange() { return 50; }

    /**
     * Number of per-element values {@link #forward} saves for {@link #backward} (so that the
     * backward pass needs no transcendental functions); 0 by default.
     */
    default int cacheSize() { return 0; }

    /** phi(a; theta), saving {@link #cacheSize()} values in cache. */
    default double forward(double a, double[] theta, double[] cache) { return value(a, theta); }

    /**
     * out[0 .. K] = d phi/da, d phi/d theta_k at (a, theta), given h = phi(a; theta) and what
     * {@link #forward} saved in cache. Default: {@link #partials}.
     */
    default void backward(double a, double[] theta, double h, double[] cache, double[] out) { partials(a, theta, out); }
}
