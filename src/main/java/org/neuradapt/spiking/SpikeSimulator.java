package org.neuradapt.spiking;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/**
 * Simulates a {@link SpikingModel} (docs/science.md section 8.2).
 *
 * <p><b>Deterministic currents</b> ({@link #run}): Commons Math's adaptive Dormand-Prince 8(5,3)
 * integrator with an event handler on {@link SpikingModel#spikeFunction}. For integrate-and-fire
 * models the handler stops the integration at the crossing (located to 1e-9 ms), the state is
 * reset and the integration restarts; during the refractory period V is held (dV/dt = 0) while the
 * other variables evolve. For Hodgkin-Huxley the handler only records the crossing. The
 * integration also restarts at every change of the piecewise-constant current.
 *
 * <p><b>Noisy currents</b> ({@link #noisy}): I(t) = mu(t) + sigma(t) eta(t), eta an
 * Ornstein-Uhlenbeck process of unit variance and correlation time tau_n updated exactly, and the
 * state stepped by Euler(-Maruyama) with the fixed step dt; a spike is a step that ends at or above
 * threshold, its time interpolated linearly within the step. Seeded: the same seed gives the same
 * train.
 */
public final class SpikeSimulator {
    private SpikeSimulator() {}

    /** The spike train of {@code model} under {@code current} for {@code s.duration()} ms from rest. */
    public static SpikeTrain run(SpikingModel model, Current current, Integration s) {
        List<Double> spikes = new ArrayList<>();
        double[] y = model.rest();
        double t = 0, end = s.duration(), refractoryUntil = Double.NEGATIVE_INFINITY;
        double[] level = {0};
        boolean[] clamped = {false};
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override public int getDimension() { return model.dimension(); }

            @Override public void computeDerivatives(double time, double[] state, double[] dot) {
                model.derivatives(state, level[0], dot);
                if (clamped[0]) dot[0] = 0;
            }
        };
        boolean[] fired = {false};
        EventHandler spike = new EventHandler() {
            @Override public void init(double t0, double[] y0, double t1) {}

            @Override public double g(double time, double[] state) { return model.spikeFunction(state); }

            @Override public Action eventOccurred(double time, double[] state, boolean increasing) {
                if (!increasing) return Action.CONTINUE;
                spikes.add(time);
                fired[0] = true;
                return model.resets() ? Action.STOP : Action.CONTINUE;
            }

            @Override public void resetState(double time, double[] state) {}
        };
        DormandPrince853Integrator free = integrator(s), held = integrator(s);
        free.addEventHandler(spike, Math.min(s.maxStep(), 0.1), 1e-9, 1000);
        while (t < end) {
            level[0] = current.at(t);
            double next = current.nextChange(t, end);
            if (t < refractoryUntil) {
                double stop = Math.min(next, refractoryUntil);
                clamped[0] = true;
                t = held.integrate(ode, t, y, stop, y);
                clamped[0] = false;
                t = stop;  // the held segment has no events: it ends where asked
                continue;
            }
            fired[0] = false;
            double reached = free.integrate(ode, t, y, next, y);
            if (fired[0] && model.resets()) {
                model.reset(y);
                refractoryUntil = reached + model.refractory();
            }
            if (reached <= t && !fired[0]) break;  // cannot happen: the integrator always advances
            t = fired[0] && model.resets() ? reached : next;
        }
        return new SpikeTrain(spikes.stream().mapToDouble(Double::doubleValue).toArray(), end);
    }

    private static DormandPrince853Integrator integrator(Integration s) {
        return new DormandPrince853Integrator(1e-12, s.maxStep(), s.absTol(), s.relTol());
    }

    /**
     * One noisy simulation: mean current {@code mean}, standard deviation {@code sd} (both
     * piecewise constant), Ornstein-Uhlenbeck correlation time {@code tauNoise} ms, Euler steps of
     * {@code s.dt()} ms over {@code s.duration()} ms from rest, random numbers from {@code seed}.
     */
    public static SpikeTrain noisy(SpikingModel model, Current mean, Current sd, double tauNoise, Integration s, long seed) {
        if (!(tauNoise > 0)) throw new IllegalArgumentException("the noise's correlation time must be > 0, got " + tauNoise);
        SplittableRandom rng = new SplittableRandom(seed);
        int dim = model.dimension(), steps = (int) Math.round(s.duration() / s.dt());
        double dt = s.dt(), decay = Math.exp(-dt / tauNoise), kick = Math.sqrt(1 - decay * decay);
        double[] y = model.rest(), dy = new double[dim];
        double eta = rng.nextGaussian(), refractoryUntil = Double.NEGATIVE_INFINITY;
        List<Double> spikes = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            double t = k * dt, current = mean.at(t) + sd.at(t) * eta;
            double before = model.spikeFunction(y);
            model.derivatives(y, current, dy);
            if (t < refractoryUntil) dy[0] = 0;
            for (int i = 0; i < dim; i++) y[i] += dt * dy[i];
            double after = model.spikeFunction(y);
            if (before < 0 && after >= 0) {
                double when = t + dt * before / (before - after);
                spikes.add(when);
                if (model.resets()) {
                    model.reset(y);
                    refractoryUntil = when + model.refractory();
                }
            }
            eta = eta * decay + kick * rng.nextGaussian();
        }
        return new SpikeTrain(spikes.stream().mapToDouble(Double::doubleValue).toArray(), steps * dt);
    }
}
