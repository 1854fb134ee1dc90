package org.neuradapt.spiking;

import java.util.Arrays;

/**
 * A piecewise-constant injected current: {@code levels[k]} from {@code starts[k]} (ms) to the
 * next start. The integrator restarts at every start, so a step is integrated exactly.
 */
public record Current(double[] starts, double[] levels) {
    public Current {
        if (starts.length == 0 || starts.length != levels.length || starts[0] != 0)
            throw new IllegalArgumentException("a current needs levels from t = 0, one per start");
        for (int k = 1; k < starts.length; k++) if (!(starts[k] > starts[k - 1])) throw new IllegalArgumentException("starts must increase: " + Arrays.toString(starts));
        starts = starts.clone();
        levels = levels.clone();
    }

    public static Current constant(double level) { return new Current(new double[] {0}, new double[] {level}); }

    /** {@code before} until {@code at} ms, then {@code after}. */
    public static Current step(double before, double after, double at) { return new Current(new double[] {0, at}, new double[] {before, after}); }

    /** The level at time t. */
    public double at(double t) {
        int k = 0;
        while (k + 1 < starts.length && starts[k + 1] <= t) k++;
        return levels[k];
    }

    /** The first start after t, or {@code end}. */
    double nextChange(double t, double end) {
        for (double s : starts) if (s > t) return Math.min(s, end);
        return end;
    }
}
