package org.neuradapt.spiking;

import java.util.List;

/**
 * Adaptive exponential integrate-and-fire neuron (Brette and Gerstner 2005; docs/science.md
 * section 8.1):
 *
 * <pre>
 *   C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T) / Delta_T) - w + I
 *   tau_w dw/dt = a (V - E_L) - w;        V reaches V_peak: V = V_r, w += b
 * </pre>
 *
 * The presets are those of Naud et al. (2008), Table 1: tonic spiking, adaptation and regular
 * bursting, with V_peak = 0 mV. The exponent is capped at 20 (exp(20) ~ 5e8 per Delta_T): above
 * V_T + 20 Delta_T = V_T + 40 mV the trajectory is already past V_peak, and the cap keeps an
 * adaptive step that overshoots from producing infinities.
 *
 * @param c      capacitance, pF
 * @param gL     leak conductance, nS
 * @param eL     leak reversal, mV
 * @param vT     threshold slope factor's centre, mV
 * @param deltaT slope factor, mV
 * @param a      subthreshold adaptation, nS
 * @param tauW   adaptation time constant, ms
 * @param b      spike-triggered adaptation, pA
 * @param vR     reset, mV
 * @param vPeak  spike cut-off, mV
 */
public record AdEx(String preset, double c, double gL, double eL, double vT, double deltaT, double a, double tauW, double b, double vR, double vPeak)
        implements SpikingModel {
    /** Naud et al. 2008, tonic spiking (their step: 500 pA). */
    public static final AdEx TONIC = new AdEx("tonic", 200, 10, -70, -50, 2, 2, 30, 0, -58, 0);
    /** Naud et al. 2008, adaptation (their step: 500 pA). */
    public static final AdEx ADAPTING = new AdEx("adapting", 200, 12, -70, -50, 2, 2, 300, 60, -58, 0);
    /** Naud et al. 2008, regular bursting (their step: 210 pA). */
    public static final AdEx BURSTING = new AdEx("bursting", 200, 10, -58, -50, 2, 2, 120, 100, -46, 0);

    public static final List<AdEx> PRESETS = List.of(TONIC, ADAPTING, BURSTING);

    private static final double MAX_EXPONENT = 20;

    @Override public String id() { return "adex"; }

    @Override public String currentUnit() { return "pA"; }

    @Override public int dimension() { return 2; }

    @Override public double[] rest() { return new double[] {eL, 0}; }

    @Override public void derivatives(double[] y, double current, double[] dy) {
        double v = y[0], w = y[1];
        dy[0] = (-gL * (v - eL) + gL * deltaT * Math.exp(Math.min((v - vT) / deltaT, MAX_EXPONENT)) - w + current) / c;
        dy[1] = (a * (v - eL) - w) / tauW;
    }

    @Override public double spikeFunction(double[] y) { return y[0] - vPeak; }

    @Override public void reset(double[] y) {
        y[0] = vR;
        y[1] += b;
    }

    @Override public double defaultMaxCurrent() { return 800; }
}
