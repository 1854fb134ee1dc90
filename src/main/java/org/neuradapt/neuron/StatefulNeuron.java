package org.neuradapt.neuron;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A neuron with its own state (docs/science.md section 10.1): per neuron a state vector z of
 * size S, chosen by the model, and parameters theta (each [1], shared, or [N], per neuron):
 *
 * <pre>
 *   h_t = out(a_t, z_{t-1}; theta)
 *   z_t = next(a_t, z_{t-1}, h_t; theta),     z_0 = 0
 * </pre>
 *
 * where a_t = U x_t + W h_{t-1} + b (+ drive_t) is the neuron's input current. An adaptation
 * current, an adaptive threshold or a membrane potential is one component of z. The fused
 * kernel runs these methods per neuron, sample and step, and back-propagates through time with
 * the partial derivatives below (section 10.1 gives the recursion); {@code check-model} holds every
 * partial to a central difference of {@link #output} and {@link #next} before a network runs it.
 *
 * <p>To add one: implement this interface in one class (constructor taking {@code Map<String,
 * Double>} for {@code model.options}, or none), name it as {@code model.activation} with
 * {@code model.type: rnn}, and run {@code check-model} (docs/extending.md; the worked example is
 * {@code neuron.example.AdaptationCurrent}). The methods are called from several threads at once:
 * they may not keep mutable state or allocate.
 *
 * <p>Indexing. theta holds the neuron's parameter values in the order of {@link #parameters}; z
 * the S components in the order of {@link #stateNames}. Partials are written into arrays the
 * kernel owns:
 * <ul>
 *   <li>{@link #outputPartials}: dOut[0] = dh/da, dOut[1 + k] = dh/dz_k (k &lt; S),
 *       dOut[1 + S + j] = dh/dtheta_j;</li>
 *   <li>{@link #nextPartials}: for each component i of z_t, row dNext[i]: [0] = dz_i/da,
 *       [1 + k] = dz_i/dz_{t-1,k}, [1 + S] = dz_i/dh (the explicit dependence on h_t, at fixed a
 *       and z_{t-1}), [2 + S + j] = dz_i/dtheta_j.</li>
 * </ul>
 */
public interface StatefulNeuron extends ActivationFamily {

    /** Names of the state components z_k, in order; each is recordable as a signal of that name. */
    List<String> stateNames();

    /** S, the size of a neuron's state. */
    default int stateSize() { return stateNames().size(); }

    /** h_t = out(a_t, z_{t-1}; theta). */
    double output(double a, double[] z, double[] theta);

    /** z_t = next(a_t, z_{t-1}, h_t; theta), written into zNext (never the same array as z). */
    void next(double a, double[] z, double h, double[] theta, double[] zNext);

    /** h_t, and its partials into dOut (layout in the class comment). */
    double outputPartials(double a, double[] z, double[] theta, double[] dOut);

    /** The partials of every component of next (layout in the class comment). */
    void nextPartials(double a, double[] z, double h, double[] theta, double[][] dNext);

    /**
     * The model whose methods {@code check-model} differentiates numerically: this one, except
     * for a spiking neuron, whose output is a step H(u) trained through a pseudo-derivative
     * psi(u). Its twin replaces H by the integral of psi, a smooth function whose true derivative
     * is psi, so the check verifies every other term of the chain rule (docs/science.md section 10.4).
     */
    default StatefulNeuron smoothTwin() { return this; }

    /** Documented input range that check-model scans: |a| &lt;= inputRange. */
    default double inputRange() { return 5; }

    /** A state at which check-model evaluates the partials (default: each component uniform in [-1, 1]). */
    default void sampleState(SplittableRandom rng, double[] z) {
        for (int k = 0; k < z.length; k++) z[k] = rng.nextDouble(-1, 1);
    }

    /**
     * Decay kappa of the read-out's leaky integration of h (docs/science.md section 10.5): the
     * logits read r_T, r_t = kappa r_{t-1} + (1 - kappa) h_t, r_0 = 0. 0 (default): the last
     * hidden state, as for every rate model. Spiking layers read a low-pass of their spikes.
     */
    default double readoutDecay() { return 0; }

    /** A short name for messages. */
    default String name() { return getClass().getSimpleName(); }

    /**
     * One neuron's backward step (docs/science.md section 10.1) from its partials at step t:
     * with dh = dL/dh_t and dz = dL/dz_t, g_h = dh + sum_i dz_i dnext_i/dh; returns dL/da_t =
     * g_h dout/da + sum_i dz_i dnext_i/da, writes dL/dz_{t-1} into carry (not the same array as
     * dz) and adds dL/dtheta_j into dTheta[from + j]. The one place the recursion is written: the
     * fused kernel's per-value path runs it, check-model holds lane forms to it.
     */
    static double backwardStep(double[] dOut, double[][] dNext, double dh, double[] dz, double[] carry, double[] dTheta, int from) {
        final int S = dz.length, K = dOut.length - 1 - S;
        double gh = dh;
        for (int s = 0; s < S; s++) gh += dz[s] * dNext[s][1 + S];
        double da = gh * dOut[0];
        for (int s = 0; s < S; s++) da += dz[s] * dNext[s][0];
        for (int j = 0; j < K; j++) {
            double g = gh * dOut[1 + S + j];
            for (int s = 0; s < S; s++) g += dz[s] * dNext[s][2 + S + j];
            dTheta[from + j] += g;
        }
        for (int k = 0; k < S; k++) {
            double v = gh * dOut[1 + k];
            for (int s = 0; s < S; s++) v += dz[s] * dNext[s][1 + k];
            carry[k] = v;
        }
        return da;
    }
}
