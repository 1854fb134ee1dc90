package org.neuradapt.spiking;

/**
 * A point-neuron model driven by an injected current (docs/science.md section 8.1): an ODE
 * dy/dt = f(y, I) in milliseconds, with a spike when {@link #spikeFunction} crosses zero upwards,
 * followed by {@link #reset} for the integrate-and-fire family (and {@link #refractory} ms with the
 * voltage clamped) or by nothing for conductance models whose spike is part of the dynamics
 * (Hodgkin-Huxley). f must be affine in I, as every injected current is; the noisy simulations
 * rely on it. A new model is one class implementing this interface, registered in
 * {@link SpikingModels}.
 */
public interface SpikingModel {
    /** The model id used on the command line: lif, alif, adex, izhikevich, hh. */
    String id();

    /** The preset's name, or {@link SpikingModels#DEFAULT} for a model without presets. */
    String preset();

    /** The current's unit (pA, uA/cm^2, or "dimensionless"). */
    String currentUnit();

    /** The number of state variables; y[0] is the membrane potential in mV. */
    int dimension();

    /** The state at rest without input, where every simulation starts. */
    double[] rest();

    /** dy/dt (per ms) at state y under the current I, written into dy. */
    void derivatives(double[] y, double current, double[] dy);

    /** A function of the state that crosses zero upwards at a spike (V - threshold). */
    double spikeFunction(double[] y);

    /** Whether a spike is followed by {@link #reset} (integrate-and-fire) or not (the spike is the dynamics). */
    default boolean resets() { return true; }

    /** Applies the reset after a spike to y, in place. */
    void reset(double[] y);

    /** Milliseconds after a reset during which V is held at its reset value (the other variables evolve). */
    default double refractory() { return 0; }

    /** The currents an f-I curve sweeps by default: from 0 to a few times the rheobase, in {@link #currentUnit}. */
    double defaultMaxCurrent();

    /** model or model:PRESET, as the command line takes it. */
    default String name() { return preset().equals(SpikingModels.DEFAULT) ? id() : id() + ":" + preset(); }
}
