package org.neuradapt.spiking;

import java.util.List;

/**
 * Izhikevich's simple model (Izhikevich 2003; docs/science.md section 8.1), time in ms, v in mV,
 * the current I dimensionless as in the paper:
 *
 * <pre>
 *   dv/dt = 0.04 v^2 + 5 v + 140 - u + I;   du/dt = a (b v - u);   v reaches 30: v = c, u += d
 * </pre>
 *
 * Presets of the paper's Fig. 2: regular spiking (RS), intrinsically bursting (IB), chattering
 * (CH), fast spiking (FS), low-threshold spiking (LTS). Rest: v = -65 (the paper's initial value),
 * u = b v.
 */
public record Izhikevich(String preset, double a, double b, double c, double d) implements SpikingModel {
    public static final Izhikevich RS = new Izhikevich("RS", 0.02, 0.2, -65, 8);
    public static final Izhikevich IB = new Izhikevich("IB", 0.02, 0.2, -55, 4);
    public static final Izhikevich CH = new Izhikevich("CH", 0.02, 0.2, -50, 2);
    public static final Izhikevich FS = new Izhikevich("FS", 0.1, 0.2, -65, 2);
    public static final Izhikevich LTS = new Izhikevich("LTS", 0.02, 0.25, -65, 2);

    public static final List<Izhikevich> PRESETS = List.of(RS, IB, CH, FS, LTS);

    /** The spike peak where v is reset. */
    public static final double PEAK = 30;

    @Override public String id() { return "izhikevich"; }

    @Override public String currentUnit() { return "dimensionless"; }

    @Override public int dimension() { return 2; }

    @Override public double[] rest() { return new double[] {-65, b * -65}; }

    @Override public void derivatives(double[] y, double current, double[] dy) {
        double v = y[0], u = y[1];
        dy[0] = 0.04 * v * v + 5 * v + 140 - u + current;
        dy[1] = a * (b * v - u);
    }

    @Override public double spikeFunction(double[] y) { return y[0] - PEAK; }

    @Override public void reset(double[] y) {
        y[0] = c;
        y[1] += d;
    }

    @Override public double defaultMaxCurrent() { return 20; }
}
