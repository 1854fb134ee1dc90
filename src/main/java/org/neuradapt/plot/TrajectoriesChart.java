package org.neuradapt.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.analysis.Trajectories;
import org.neuradapt.network.Signals;

/**
 * A look at a recording (docs/science.md section 5.10): a_t, h_t, n_t and s_t (those recorded) of
 * the first kept sample for a few kept neurons, one panel per signal.
 */
public final class TrajectoriesChart {
    private TrajectoriesChart() {}

    /** Neurons drawn per panel. */
    static final int NEURONS = 3;

    /** The figure, or null when no per-neuron signal was recorded. */
    public static Chart<?, ?> build(Trajectories.Recording r, String perturbation, String title) {
        int[] steps = r.selection().steps(), neurons = r.selection().neurons();
        double[] t = new double[steps.length];
        for (int i = 0; i < t.length; i++) t[i] = steps[i];
        int shown = Math.min(NEURONS, neurons.length);
        List<Chart<?, ?>> cells = new ArrayList<>();
        // a, h, n, s first, then a neuron model's own state (v, threshold, ...); per-neuron signals only (not the ARUN's g)
        List<String> names = new ArrayList<>(List.of(Signals.A, Signals.H, Signals.N, Signals.S));
        for (String name : r.signals().keySet()) if (!names.contains(name)) names.add(name);
        for (String name : names) {
            INDArray v = r.signals().get(name);
            if (v == null || v.rank() != 3) continue;
            XYChart c = Panels.panel(name + "_t of sample " + r.selection().samples()[0] + " under " + perturbation, "step t", name + "_t");
            for (int k = 0; k < shown; k++) {
                double[] y = new double[steps.length];
                for (int i = 0; i < steps.length; i++) y[i] = v.getDouble(0, i, k);
                Panels.line(c.addSeries("neuron " + neurons[k], t, y), Style.color(k), Panels.THIN);
            }
            cells.add(c);
        }
        return cells.isEmpty() ? null : new Panels(cells, 2, title);
    }
}
