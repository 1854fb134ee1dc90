package org.neuradapt.spiking;

import java.util.List;

/**
 * Adaptive leaky integrate-and-fire neuron: the {@link Lif} with a spike-triggered adaptation
 * current w (docs/science.md section 8.1):
 *
 * <pre>
 *   C dV/dt = -g_L (V - E_L) - w + I;   tau_w dw/dt = -w;   spike: V = V_reset, w += b, V held for t_ref
 * </pre>
 *
 * @param c      capacitance, pF
 * @param gL     leak conductance, nS
 * @param eL     resting potential, mV
 * @param vTh    threshold, mV
 * @param vReset reset potential, mV
 * @param tRef   refractory period, ms
 * @param tauW   adaptation time constant, ms
 * @param b      adaptation increment per spike, pA
 */
public record Alif(String preset, double c, double gL, double eL, double vTh, double vReset, double tRef, double tauW, double b) implements SpikingModel {
    /** The {@link Lif#DEFAULT} membrane with tau_w = 100 ms and b = 20 pA. */
    public static final Alif DEFAULT = new Alif(SpikingModels.DEFAULT, 200, 10, -70, -50, -70, 2, 100, 20);

    public static final List<Alif> PRESETS = List.of(DEFAULT);

    @Override public String id() { return "alif"; }

    @Override public String currentUnit() { return "pA"; }

    @Override public int dimension() { return 2; }

    @Override public double[] rest() { return new double[] {eL, 0}; }

    @Override public void derivatives(double[] y, double current, double[] dy) {
        dy[0] = (-gL * (y[0] - eL) - y[1] + current) / c;
        dy[1] = -y[1] / tauW;
    }

    @Override public double spikeFunction(double[] y) { return y[0] - vTh; }

    @Override public void reset(double[] y) {
        y[0] = vReset;
        y[1] += b;
    }

    @Override public double refractory() { return tRef; }

    @Override public double defaultMaxCurrent() { return 3 * gL * (vTh - eL); }
}
