package org.neuradapt.spiking;

import java.util.Arrays;

/**
 * The spike times (ms) of one simulation of {@code duration} ms, and the rates read from them
 * (docs/science.md section 8.3).
 */
public record SpikeTrain(double[] times, double duration) {
    public SpikeTrain {
        times = times.clone();
    }

    public int count() { return times.length; }

    /** The inter-spike intervals, ms. */
    public double[] isis() {
        double[] d = new double[Math.max(0, times.length - 1)];
        for (int i = 0; i < d.length; i++) d[i] = times[i + 1] - times[i];
        return d;
    }

    /** 1 / the first ISI, Hz (0 with fewer than two spikes). */
    public double onsetRate() { return times.length < 2 ? 0 : 1000.0 / (times[1] - times[0]); }

    /**
     * The steady-state rate, Hz: (k - 1) / (t_k - t_1) over the k spikes in the second half of the
     * simulation, the inverse mean ISI there; 0 with fewer than two spikes there (so rates below
     * 2 / duration are not resolved).
     */
    public double steadyRate() { return rateAfter(duration / 2); }

    /** The inverse mean ISI of the spikes at or after {@code from} ms, Hz (0 with fewer than two). */
    public double rateAfter(double from) {
        int first = 0;
        while (first < times.length && times[first] < from) first++;
        int k = times.length - first;
        return k < 2 ? 0 : 1000.0 * (k - 1) / (times[times.length - 1] - times[first]);
    }

    /** The spike count per bin of {@code width} ms from 0, in Hz. */
    public double[] binnedRate(double width) {
        int bins = (int) Math.floor(duration / width + 1e-9);
        double[] r = new double[bins];
        for (double t : times) {
            int b = (int) Math.floor(t / width);
            if (b >= 0 && b < bins) r[b] += 1000.0 / width;
        }
        return r;
    }

    /**
     * The causal instantaneous rate at each time, Hz: 1 / the last ISI completed by then (the
     * rate is updated at each spike, as adaptation studies plot 1/ISI at the ISI's second spike);
     * 0 before the second spike; and 1 / (time since the last spike) once that exceeds the last
     * ISI, so a neuron that falls silent decays to 0 instead of holding its last rate.
     */
    public double[] instantaneousRate(double[] at) {
        double[] r = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double t = at[i];
            int k = java.util.Arrays.binarySearch(times, t);
            int last = k >= 0 ? k : -k - 2;  // the last spike at or before t
            if (last < 1) r[i] = 0;
            else r[i] = 1000.0 / Math.max(times[last] - times[last - 1], t - times[last]);
        }
        return r;
    }

    @Override public boolean equals(Object o) { return o instanceof SpikeTrain s && s.duration == duration && Arrays.equals(s.times, times); }

    @Override public int hashCode() { return Arrays.hashCode(times) * 31 + Double.hashCode(duration); }

    @Override public String toString() { return count() + " spikes in " + duration + " ms"; }
}
