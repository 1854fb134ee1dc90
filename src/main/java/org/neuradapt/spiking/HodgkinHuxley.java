package org.neuradapt.spiking;

import java.util.List;

/**
 * The Hodgkin-Huxley squid giant axon (1952) in the modern convention (rest near -65 mV; docs/science.md
 * section 8.1), V in mV, t in ms, currents in uA/cm^2, C = 1 uF/cm^2:
 *
 * <pre>
 *   C dV/dt = I - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
 *   dx/dt = phi (alpha_x(V) (1 - x) - beta_x(V) x),  x = m, h, n,  phi = 3^((T - 6.3) / 10)
 *   alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40) / 10)),   beta_m = 4 exp(-(V + 65) / 18)
 *   alpha_h = 0.07 exp(-(V + 65) / 20),                   beta_h = 1 / (1 + exp(-(V + 35) / 10))
 *   alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55) / 10)),  beta_n = 0.125 exp(-(V + 65) / 80)
 * </pre>
 *
 * A type II neuron: repetitive firing starts with a jump to a finite rate. Nothing is reset; a
 * spike is an upward crossing of {@link #SPIKE_LEVEL}.
 *
 * @param temperature degC (6.3: phi = 1)
 */
public record HodgkinHuxley(String preset, double gNa, double gK, double gL, double eNa, double eK, double eL, double temperature)
        implements SpikingModel {
    /** The squid axon at 6.3 degC. */
    public static final HodgkinHuxley SQUID = new HodgkinHuxley(SpikingModels.DEFAULT, 120, 36, 0.3, 50, -77, -54.387, 6.3);

    public static final List<HodgkinHuxley> PRESETS = List.of(SQUID);

    /** A spike is an upward crossing of 0 mV. */
    public static final double SPIKE_LEVEL = 0;

    @Override public String id() { return "hh"; }

    @Override public String currentUnit() { return "uA/cm^2"; }

    @Override public int dimension() { return 4; }

    /** The resting state: V = -65 mV with the gates at their steady state there, relaxed for 200 ms (the exact fixed point is a little off -65). */
    @Override public double[] rest() {
        double v = -65;
        double[] y = {v, inf(am(v), bm(v)), inf(ah(v), bh(v)), inf(an(v), bn(v))}, dy = new double[4];
        for (int k = 0; k < 20_000; k++) {  // Euler at 0.01 ms: the rest state is a stable node, reached to rounding
            derivatives(y, 0, dy);
            for (int i = 0; i < 4; i++) y[i] += 0.01 * dy[i];
        }
        return y;
    }

    @Override public void derivatives(double[] y, double current, double[] dy) {
        double v = y[0], m = y[1], h = y[2], n = y[3], phi = Math.pow(3, (temperature - 6.3) / 10);
        dy[0] = current - gNa * m * m * m * h * (v - eNa) - gK * n * n * n * n * (v - eK) - gL * (v - eL);
        dy[1] = phi * (am(v) * (1 - m) - bm(v) * m);
        dy[2] = phi * (ah(v) * (1 - h) - bh(v) * h);
        dy[3] = phi * (an(v) * (1 - n) - bn(v) * n);
    }

    @Override public double spikeFunction(double[] y) { return y[0] - SPIKE_LEVEL; }

    @Override public boolean resets() { return false; }

    @Override public void reset(double[] y) {}

    @Override public double defaultMaxCurrent() { return 30; }

    private static double inf(double a, double b) { return a / (a + b); }

    /** x / (1 - exp(-x / 10)) with its limit 10 at x = 0. */
    private static double ratio(double x) { return Math.abs(x) < 1e-7 ? 10 + x / 2 : x / (1 - Math.exp(-x / 10)); }

    private static double am(double v) { return 0.1 * ratio(v + 40); }

    private static double bm(double v) { return 4 * Math.exp(-(v + 65) / 18); }

    private static double ah(double v) { return 0.07 * Math.exp(-(v + 65) / 20); }

    private static double bh(double v) { return 1 / (1 + Math.exp(-(v + 35) / 10)); }

    private static double an(double v) { return 0.01 * ratio(v + 55); }

    private static double bn(double v) { return 0.125 * Math.exp(-(v + 65) / 80); }
}
