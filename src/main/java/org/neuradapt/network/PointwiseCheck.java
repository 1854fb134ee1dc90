package org.neuradapt.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuradapt.network.GradientCheck.Row;
import org.neuradapt.network.GradientCheck.Tolerance;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.LaneActivation;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.PointwiseActivation;

/**
 * A user's Java activation checked on its own (docs/science.md section 2.7), before any network
 * runs it (docs/extending.md): over a grid of inputs a in its documented range (|a| &lt;= inputRange) and
 * each neuron's parameter values theta, phi and every partial must be finite, each partial
 * ({@link PointwiseActivation#partials}) must match a central difference of
 * {@link PointwiseActivation#value}, and the cached pair forward/backward the kernel runs must
 * agree with value/partials. Why separately from the network check: a wrong partial is then
 * named with the input where it is wrong, not only as a wrong weight gradient somewhere.
 * Pure: no I/O.
 */
public final class PointwiseCheck {
    /** Grid points over [-inputRange, inputRange]: midpoints of equal cells (so no point sits on a kink at 0) plus 0 and both ends for finiteness. */
    public static final int GRID = 200;

    private PointwiseCheck() {}

    /**
     * Rows "phi", "d phi/da" and "d phi/d NAME" for every parameter, each over GRID inputs per
     * neuron; theta[i] holds neuron i's parameter values in the order of specs.
     */
    public static List<Row> check(PointwiseActivation phi, List<ParamSpec> specs, double[][] theta, Tolerance tol) {
        int K = specs.size(), cs = phi.cacheSize();
        double range = phi.inputRange();
        GradientCheck.Acc[] acc = new GradientCheck.Acc[K + 2];
        for (int j = 0; j < acc.length; j++) acc[j] = new GradientCheck.Acc();
        List<String> where = new ArrayList<>();
        double[] out = new double[1 + K], back = new double[1 + K], cache = new double[Math.max(1, cs)];
        for (int i = 0; i < theta.length; i++) {
            double[] th = theta[i].clone();
            for (int g = 0; g < GRID + 3; g++) {
                double a = g < GRID ? -range + 2 * range * (g + 0.5) / GRID : g == GRID ? 0 : g == GRID + 1 ? -range : range;
                int at = where.size();
                where.add(describe(a, i, specs, th));
                double h = phi.partials(a, th, out), v = phi.value(a, th);
                double hc = phi.forward(a, th, cache);
                phi.backward(a, th, hc, cache, back);
                acc[0].add(at, hc, v, tol);                        // finite, and forward = value
                acc[0].add(at, h, v, tol);                         // partials returns phi
                boolean compare = g < GRID;                        // ends and 0: finiteness only
                for (int k = 0; k <= K; k++) {
                    acc[1 + k].add(at, back[k], out[k], tol);      // backward (cached) = partials
                    if (!compare) { acc[1 + k].add(at, out[k], out[k], tol); continue; }
                    acc[1 + k].add(at, out[k], difference(phi, a, th, k, tol.step()), tol);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        int n = where.size();
        rows.add(acc[0].row("phi", n, where::get));
        rows.add(acc[1].row("d phi/da", n, where::get));
        for (int k = 0; k < K; k++) rows.add(acc[2 + k].row("d phi/d " + specs.get(k).name(), n, where::get));
        return rows;
    }

    /** Float lane arithmetic against the double per-value form: 1e-4 relative (absolute below 1). */
    public static final Tolerance LANES = new Tolerance(1e-4, 1.0, 0);

    /**
     * A {@link LaneActivation}'s run-of-neurons form against its per-value form (docs/science.md
     * section 2.7): for each neuron's parameter values, one run of GRID + 3 inputs over the
     * documented range (long enough for full lane vectors and a tail), forward h against value,
     * and backward with dh = 1 (da, dTheta) against partials; rows "lanes: phi", "lanes: d phi/da",
     * "lanes: d phi/d NAME" at {@link #LANES}.
     */
    public static List<Row> lanes(LaneActivation phi, List<ParamSpec> specs, double[][] theta) {
        int K = specs.size(), cs = phi.cacheSize(), n = GRID + 3;
        double range = phi.inputRange();
        GradientCheck.Acc[] acc = new GradientCheck.Acc[K + 2];
        for (int j = 0; j < acc.length; j++) acc[j] = new GradientCheck.Acc();
        List<String> where = new ArrayList<>();
        float[] a = new float[n], h = new float[n], dh = new float[n], da = new float[n];
        float[][] th = new float[K][n], cache = new float[cs][n], dTheta = new float[K][n];
        double[] out = new double[1 + K];
        java.util.Arrays.fill(dh, 1f);
        for (int i = 0; i < theta.length; i++) {
            for (int g = 0; g < n; g++) a[g] = (float) (g < GRID ? -range + 2 * range * (g + 0.5) / GRID : g == GRID ? 0 : g == GRID + 1 ? -range : range);
            for (int k = 0; k < K; k++) java.util.Arrays.fill(th[k], (float) theta[i][k]);
            for (float[] d : dTheta) java.util.Arrays.fill(d, 0f);
            phi.forwardLanes(a, th, h, cache, n);
            phi.backwardLanes(a, th, h, cache, dh, da, dTheta, n);
            double[] t = new double[K];
            for (int k = 0; k < K; k++) t[k] = th[k][0];   // the float parameters the lanes saw
            for (int g = 0; g < n; g++) {
                int at = where.size();
                where.add(describe(a[g], i, specs, t));
                double v = phi.partials(a[g], t, out);
                acc[0].add(at, h[g], v, LANES);
                acc[1].add(at, da[g], out[0], LANES);
                for (int k = 0; k < K; k++) acc[2 + k].add(at, dTheta[k][g], out[1 + k], LANES);
            }
        }
        List<Row> rows = new ArrayList<>();
        int m = where.size();
        rows.add(acc[0].row("lanes: phi", m, where::get));
        rows.add(acc[1].row("lanes: d phi/da", m, where::get));
        for (int k = 0; k < K; k++) rows.add(acc[2 + k].row("lanes: d phi/d " + specs.get(k).name(), m, where::get));
        return rows;
    }

    /** Central difference of phi in a (k = 0) or in theta_{k-1}; restores theta. */
    private static double difference(PointwiseActivation phi, double a, double[] th, int k, double step) {
        if (k == 0) {
            double h = step * Math.max(1, Math.abs(a));
            return (phi.value(a + h, th) - phi.value(a - h, th)) / (2 * h);
        }
        double old = th[k - 1], h = step * Math.max(1, Math.abs(old));
        th[k - 1] = old + h;
        double up = phi.value(a, th);
        th[k - 1] = old - h;
        double down = phi.value(a, th);
        th[k - 1] = old;
        return (up - down) / (2 * h);
    }

    private static String describe(double a, int neuron, List<ParamSpec> specs, double[] th) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "a = %.6g, neuron %d", a, neuron));
        for (int k = 0; k < specs.size(); k++) b.append(String.format(Locale.ROOT, "%s%s = %.6g", k == 0 ? " (" : ", ", specs.get(k).name(), th[k]));
        return specs.isEmpty() ? b.toString() : b.append(')').toString();
    }

    /** The grid of an ARUN read-out check: n' over [-N_RANGE, N_RANGE], s' over [-S_RANGE, S_RANGE], READOUT_GRID midpoints each. */
    public static final double N_RANGE = 20, S_RANGE = 5;
    public static final int READOUT_GRID = 40;

    /**
     * An ARUN read-out psi (n', s') -&gt; (n, s) point by point: n and s finite, and each Jacobian
     * entry against a central difference of n or s, over the documented grid
     * ({@link ControllerReadout}). Rows "n, s", "d n/d n'", "d n/d s'", "d s/d n'", "d s/d s'";
     * a failure names (n', s').
     */
    public static List<Row> readout(ControllerReadout psi, Tolerance tol) {
        GradientCheck.Acc[] acc = new GradientCheck.Acc[5];
        for (int j = 0; j < acc.length; j++) acc[j] = new GradientCheck.Acc();
        List<String> where = new ArrayList<>();
        double[] out = new double[6], up = new double[6], down = new double[6];
        for (int p = 0; p < READOUT_GRID; p++) for (int q = 0; q < READOUT_GRID; q++) {
            double n = -N_RANGE + 2 * N_RANGE * (p + 0.5) / READOUT_GRID, s = -S_RANGE + 2 * S_RANGE * (q + 0.5) / READOUT_GRID;
            int at = where.size();
            where.add(String.format(Locale.ROOT, "n' = %.6g, s' = %.6g", n, s));
            psi.readout(n, s, out);
            acc[0].add(at, out[0], out[0], tol);
            acc[0].add(at, out[1], out[1], tol);
            for (int in = 0; in < 2; in++) {                       // d/dn', then d/ds'
                double v = in == 0 ? n : s, h = tol.step() * Math.max(1, Math.abs(v));
                psi.readout(in == 0 ? n + h : n, in == 0 ? s : s + h, up);
                psi.readout(in == 0 ? n - h : n, in == 0 ? s : s - h, down);
                for (int o = 0; o < 2; o++)                        // of n, then of s: out[2 + 2 o + in]
                    acc[1 + 2 * o + in].add(at, out[2 + 2 * o + in], (up[o] - down[o]) / (2 * h), tol);
            }
        }
        int n = where.size();
        return List.of(acc[0].row("n, s", n, where::get), acc[1].row("d n/d n'", n, where::get), acc[2].row("d n/d s'", n, where::get),
                acc[3].row("d s/d n'", n, where::get), acc[4].row("d s/d s'", n, where::get));
    }

    /** Each neuron's parameter values (ParamSpec order) from values by name, each [1] (shared) or [hidden] (shapes checked before). */
    public static double[][] perNeuron(List<ParamSpec> specs, java.util.Map<String, double[]> values, int hidden) {
        double[][] th = new double[hidden][specs.size()];
        for (int k = 0; k < specs.size(); k++) {
            double[] v = values.get(specs.get(k).name());
            for (int i = 0; i < hidden; i++) th[i][k] = v.length == 1 ? v[0] : v[i];
        }
        return th;
    }
}
