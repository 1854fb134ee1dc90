package org.neuradapt.spiking;

import java.util.List;

/**
 * Leaky integrate-and-fire neuron with a refractory period (docs/science.md section 8.1):
 *
 * <pre>
 *   C dV/dt = -g_L (V - E_L) + I;   V reaches V_th: spike, V = V_reset, held there for t_ref
 * </pre>
 *
 * With V_reset = E_L the firing rate under a constant I above the rheobase I_rh = g_L (V_th - E_L)
 * has the closed form f = 1 / (t_ref + tau ln(R I / (R I - (V_th - E_L)))), tau = C / g_L,
 * R = 1 / g_L, the check of the simulator ({@code SpikeSimulatorTest}).
 *
 * @param c      capacitance, pF
 * @param gL     leak conductance, nS (so tau = c / gL in ms, and nS * mV = pA)
 * @param eL     resting potential, mV
 * @param vTh    threshold, mV
 * @param vReset reset potential, mV
 * @param tRef   refractory period, ms
 */
public record Lif(String preset, double c, double gL, double eL, double vTh, double vReset, double tRef) implements SpikingModel {
    /** tau = 20 ms, R = 100 MOhm, 20 mV from rest to threshold (rheobase 200 pA), reset to rest, 2 ms refractory. */
    public static final Lif DEFAULT = new Lif(SpikingModels.DEFAULT, 200, 10, -70, -50, -70, 2);

    public static final List<Lif> PRESETS = List.of(DEFAULT);

    @Override public String id() { return "lif"; }

    @Override public String currentUnit() { return "pA"; }

    @Override public int dimension() { return 1; }

    @Override public double[] rest() { return new double[] {eL}; }

    @Override public void derivatives(double[] y, double current, double[] dy) { dy[0] = (-gL * (y[0] - eL) + current) / c; }

    @Override public double spikeFunction(double[] y) { return y[0] - vTh; }

    @Override public void reset(double[] y) { y[0] = vReset; }

    @Override public double refractory() { return tRef; }

    @Override public double defaultMaxCurrent() { return 3 * rheobase(); }

    /** g_L (V_th - E_L), pA. */
    public double rheobase() { return gL * (vTh - eL); }

    /** The closed-form rate in Hz under a constant current (0 at or below the rheobase); valid for V_reset = E_L. */
    public double rate(double current) {
        if (current <= rheobase()) return 0;
        double tau = c / gL, ri = current / gL;
        return 1000.0 / (tRef + tau * Math.log(ri / (ri - (vTh - eL))));
    }
}
