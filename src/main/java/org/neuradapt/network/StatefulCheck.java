package org.neuradapt.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neuradapt.network.GradientCheck.Row;
import org.neuradapt.network.GradientCheck.Tolerance;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.StatefulLanes;
import org.neuradapt.neuron.StatefulNeuron;

/**
 * A neuron with its own state checked on its own (docs/science.md section 10.1), before any
 * network runs it: at random inputs |a| &lt;= inputRange and states from
 * {@link StatefulNeuron#sampleState}, each neuron's parameter values, every partial of out and
 * next against a central difference, on the model's {@link StatefulNeuron#smoothTwin} (a spiking
 * neuron's step replaced by the integral of its pseudo-derivative). Where the twin is another
 * object, the model's own partials must equal the twin's (the pseudo-derivative is then exactly
 * the twin's true derivative). Rows name the function and the variable ("d w'/d w"), and a
 * failure the input, state and neuron where it is worst. Pure: no I/O.
 */
public final class StatefulCheck {
    /** Random points per neuron. */
    public static final int POINTS = 200;

    private StatefulCheck() {}

    public static List<Row> check(StatefulNeuron model, List<ParamSpec> specs, double[][] theta, Tolerance tol, long seed) {
        StatefulNeuron twin = model.smoothTwin();
        List<String> names = model.stateNames();
        int S = model.stateSize(), K = specs.size();
        // variables: a, z_0..z_{S-1}, theta_0..theta_{K-1}; next also h (at column 1 + S of its row)
        List<String> vars = new ArrayList<>(List.of("a"));
        for (String z : names) vars.add(z);
        for (ParamSpec p : specs) vars.add(p.name());
        GradientCheck.Acc value = new GradientCheck.Acc(), pseudo = new GradientCheck.Acc();
        GradientCheck.Acc[] out = accs(1 + S + K), next = accs(S * (2 + S + K));
        List<String> where = new ArrayList<>();
        double[] z = new double[S], zn = new double[S], up = new double[S], down = new double[S];
        double[] dOut = new double[1 + S + K], dOutReal = new double[1 + S + K];
        double[][] dNext = new double[S][2 + S + K], dNextReal = new double[S][2 + S + K];
        SplittableRandom rng = new SplittableRandom(seed);
        double range = model.inputRange();
        for (int i = 0; i < theta.length; i++) {
            double[] th = theta[i].clone();
            for (int g = 0; g < POINTS; g++) {
                double a = rng.nextDouble(-range, range);
                twin.sampleState(rng, z);
                int at = where.size();
                where.add(describe(a, z, names, i, specs, th));
                double h = twin.outputPartials(a, z, th, dOut);
                twin.nextPartials(a, z, h, th, dNext);
                value.add(at, h, twin.output(a, z, th), tol);       // finite, and outputPartials returns out
                twin.next(a, z, h, th, zn);
                for (double v : zn) value.add(at, v, v, tol);       // finite
                for (int x = 0; x < 1 + S + K; x++) {
                    double numeric = difference(twin, a, z, th, x, tol.step());
                    out[x].add(at, dOut[x], numeric, tol);
                }
                for (int x = 0; x < 2 + S + K; x++) {            // x = 1 + S: h
                    differenceNext(twin, a, z, h, th, x, tol.step(), up, down, zn);
                    for (int s = 0; s < S; s++) next[s * (2 + S + K) + x].add(at, dNext[s][x], zn[s], tol);
                }
                if (twin != model) {                              // the model's own (pseudo-)partials = the twin's true ones
                    model.outputPartials(a, z, th, dOutReal);
                    model.nextPartials(a, z, h, th, dNextReal);
                    for (int x = 0; x < dOut.length; x++) pseudo.add(at, dOutReal[x], dOut[x], tol);
                    for (int s = 0; s < S; s++) for (int x = 0; x < dNext[s].length; x++) pseudo.add(at, dNextReal[s][x], dNext[s][x], tol);
                }
            }
        }
        int n = where.size();
        List<Row> rows = new ArrayList<>();
        rows.add(value.row("out, next", n, where::get));
        for (int x = 0; x < 1 + S + K; x++) rows.add(out[x].row("d out/d " + vars.get(x), n, where::get));
        for (int s = 0; s < S; s++) for (int x = 0; x < 2 + S + K; x++) {
            String v = x == 1 + S ? "h" : vars.get(x < 1 + S ? x : x - 1);
            rows.add(next[s * (2 + S + K) + x].row("d " + names.get(s) + "'/d " + v, n, where::get));
        }
        if (twin != model) rows.add(pseudo.row("pseudo-derivative = twin", n, where::get));
        return rows;
    }

    /**
     * A {@link StatefulLanes} form against the per-value form (docs/science.md section 10.1), at
     * {@link #POINTS} random inputs, states and incoming gradients per neuron in one run (full
     * lane vectors and a tail): h and every component of next, then da, dL/dz_{t-1} and dL/dtheta
     * against the backward recursion composed from the per-value partials, at
     * {@link PointwiseCheck#LANES}. Rows "lanes: out", "lanes: NAME'", "lanes: dL/da",
     * "lanes: dL/d NAME" (the carry) and "lanes: dL/d THETA".
     */
    public static List<Row> lanes(StatefulLanes model, List<ParamSpec> specs, double[][] theta, long seed) {
        List<String> names = model.stateNames();
        int S = model.stateSize(), K = specs.size(), n = POINTS;
        GradientCheck.Acc h = new GradientCheck.Acc(), da = new GradientCheck.Acc();
        GradientCheck.Acc[] next = accs(S), carry = accs(S), dth = accs(K);
        List<String> where = new ArrayList<>();
        float[] a = new float[n], hf = new float[n], dh = new float[n], daf = new float[n];
        float[][] th = new float[K][n], z0 = new float[S][n], z1 = new float[S][n], dz = new float[S][n], dz0 = new float[S][n], dT = new float[K][n];
        double[] z = new double[S], zn = new double[S], dOut = new double[1 + S + K], thD = new double[K], dzD = new double[S], carryD = new double[S];
        double[][] dNext = new double[S][2 + S + K];
        SplittableRandom rng = new SplittableRandom(seed);
        double range = model.inputRange();
        for (int i = 0; i < theta.length; i++) {
            for (int k = 0; k < K; k++) { java.util.Arrays.fill(th[k], (float) theta[i][k]); thD[k] = th[k][0]; }
            for (float[] d : dT) java.util.Arrays.fill(d, 0f);
            for (int g = 0; g < n; g++) {
                a[g] = (float) rng.nextDouble(-range, range);
                model.sampleState(rng, z);
                for (int k = 0; k < S; k++) { z0[k][g] = (float) z[k]; dz[k][g] = (float) rng.nextDouble(-1, 1); }
                dh[g] = (float) rng.nextDouble(-1, 1);
            }
            model.forwardLanes(a, th, z0, hf, z1, n);
            model.backwardLanes(a, th, z0, hf, dh, dz, daf, dz0, dT, n);
            double[] dThetaRef = new double[K];
            for (int g = 0; g < n; g++) {
                for (int k = 0; k < S; k++) z[k] = z0[k][g];
                int at = where.size();
                where.add(describe(a[g], z, names, i, specs, thD));
                double hv = model.outputPartials(a[g], z, thD, dOut);
                model.next(a[g], z, hv, thD, zn);
                model.nextPartials(a[g], z, hv, thD, dNext);
                h.add(at, hf[g], hv, PointwiseCheck.LANES);
                for (int k = 0; k < S; k++) next[k].add(at, z1[k][g], zn[k], PointwiseCheck.LANES);
                // the recursion of section 10.1 at this point, in double
                for (int k = 0; k < S; k++) dzD[k] = dz[k][g];
                double d = StatefulNeuron.backwardStep(dOut, dNext, dh[g], dzD, carryD, dThetaRef, 0);
                da.add(at, daf[g], d, PointwiseCheck.LANES);
                for (int k = 0; k < S; k++) carry[k].add(at, dz0[k][g], carryD[k], PointwiseCheck.LANES);
            }
            for (int j = 0; j < K; j++) {   // summed over the run, as the kernel sums over samples
                double sum = 0;
                for (int g = 0; g < n; g++) sum += dT[j][g];
                dth[j].add(where.size() - 1, sum, dThetaRef[j], PointwiseCheck.LANES);
            }
        }
        int m = where.size();
        List<Row> rows = new ArrayList<>();
        rows.add(h.row("lanes: out", m, where::get));
        for (int k = 0; k < S; k++) rows.add(next[k].row("lanes: " + names.get(k) + "'", m, where::get));
        rows.add(da.row("lanes: dL/da", m, where::get));
        for (int k = 0; k < S; k++) rows.add(carry[k].row("lanes: dL/d " + names.get(k), m, where::get));
        for (int j = 0; j < K; j++) rows.add(dth[j].row("lanes: dL/d " + specs.get(j).name(), theta.length, where::get));
        return rows;
    }

    private static GradientCheck.Acc[] accs(int n) {
        GradientCheck.Acc[] a = new GradientCheck.Acc[n];
        for (int j = 0; j < n; j++) a[j] = new GradientCheck.Acc();
        return a;
    }

    /** Central difference of out in variable x (0: a, 1..S: z, then theta); restores z and theta. */
    private static double difference(StatefulNeuron m, double a, double[] z, double[] th, int x, double step) {
        int S = z.length;
        double[] arr = x == 0 ? null : x <= S ? z : th;
        int idx = x == 0 ? 0 : x <= S ? x - 1 : x - 1 - S;
        double old = x == 0 ? a : arr[idx], h = step * Math.max(1, Math.abs(old));
        double hi, lo;
        if (x == 0) { hi = m.output(a + h, z, th); lo = m.output(a - h, z, th); }
        else {
            arr[idx] = old + h; hi = m.output(a, z, th);
            arr[idx] = old - h; lo = m.output(a, z, th);
            arr[idx] = old;
        }
        return (hi - lo) / (2 * h);
    }

    /** Central differences of every component of next in variable x (0: a, 1..S: z, 1 + S: h, then theta), into res. */
    private static void differenceNext(StatefulNeuron m, double a, double[] z, double h, double[] th, int x, double step,
                                       double[] up, double[] down, double[] res) {
        int S = z.length;
        if (x == 0) {
            double e = step * Math.max(1, Math.abs(a));
            m.next(a + e, z, h, th, up); m.next(a - e, z, h, th, down);
            for (int s = 0; s < S; s++) res[s] = (up[s] - down[s]) / (2 * e);
        } else if (x == 1 + S) {
            double e = step * Math.max(1, Math.abs(h));
            m.next(a, z, h + e, th, up); m.next(a, z, h - e, th, down);
            for (int s = 0; s < S; s++) res[s] = (up[s] - down[s]) / (2 * e);
        } else {
            double[] arr = x <= S ? z : th;
            int idx = x <= S ? x - 1 : x - 2 - S;
            double old = arr[idx], e = step * Math.max(1, Math.abs(old));
            arr[idx] = old + e; m.next(a, z, h, th, up);
            arr[idx] = old - e; m.next(a, z, h, th, down);
            arr[idx] = old;
            for (int s = 0; s < S; s++) res[s] = (up[s] - down[s]) / (2 * e);
        }
    }

    private static String describe(double a, double[] z, List<String> names, int neuron, List<ParamSpec> specs, double[] th) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "a = %.6g", a));
        for (int s = 0; s < z.length; s++) b.append(String.format(Locale.ROOT, ", %s = %.6g", names.get(s), z[s]));
        b.append(String.format(Locale.ROOT, ", neuron %d", neuron));
        for (int k = 0; k < specs.size(); k++) b.append(String.format(Locale.ROOT, "%s%s = %.6g", k == 0 ? " (" : ", ", specs.get(k).name(), th[k]));
        return specs.isEmpty() ? b.toString() : b.append(')').toString();
    }
}
