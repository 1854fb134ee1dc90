package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;
import org.neuradapt.perturbation.Window;

/**
 * The shape signals of an ARUN (docs/science.md section 5.2): its gain n_t and saturation s_t,
 * averaged over neurons and samples, against t, under a step drive of each amplitude xi. The
 * per-sample neuron means also give the spread over samples.
 *
 * <p>Pure: the network runs are behind {@link Simulator}; the averaging ({@link #average}) is
 * shared with the gain-scaling protocol ({@link GainScaling}).
 */
public final class ShapeSignals {
    private ShapeSignals() {}

    /**
     * The protocol's numbers.
     *
     * @param xi      the step amplitudes
     * @param window  the drive's window resolved at T (strict: pos &lt; t &lt; pos + len)
     * @param steps   T
     * @param samples test samples per amplitude
     * @param input   "test" (the first test images) or "zeros" (the drive alone)
     * @param seed    seed of the batch's random values
     */
    public record Protocol(List<Double> xi, Window.Steps window, int steps, int samples, String input, long seed) {
        public Protocol {
            xi = List.copyOf(xi);
            if (xi.isEmpty() || xi.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--xi must be finite numbers, got " + xi);
            if (samples < 1) throw new UserError("--samples must be at least 1, got " + samples);
        }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("drive", "step");
            m.put("xi", xi);
            m.put("window", window.toString());
            m.put("steps", steps);
            m.put("samples", samples);
            m.put("input", input);
            m.put("seed", seed);
            return m;
        }
    }

    /**
     * One network run's n_t and s_t, row-major [samples, steps, neurons].
     */
    public record Recorded(int samples, int steps, int neurons, double[] n, double[] s) {
        public Recorded {
            long size = (long) samples * steps * neurons;
            if (n.length != size || s.length != size)
                throw new IllegalArgumentException("n and s must hold " + samples + "x" + steps + "x" + neurons + " values");
        }
    }

    /** The network runs: n_t and s_t under a drive of amplitude xi. */
    @FunctionalInterface
    public interface Simulator {
        Recorded run(double xi);
    }

    /**
     * Mean over neurons and samples of n_t and s_t at every step, and the standard deviation over
     * samples of the per-sample neuron mean (n - 1 in the denominator; NaN for one sample).
     */
    public record Curve(double xi, double[] meanN, double[] sdN, double[] meanS, double[] sdS) {}

    public record Result(Source source, Protocol protocol, List<Curve> curves) {}

    /** The neuron mean of each sample at each step, [samples][steps]. */
    public static double[][] neuronMeans(int samples, int steps, int neurons, double[] v) {
        double[][] out = new double[samples][steps];
        for (int b = 0; b < samples; b++)
            for (int t = 0; t < steps; t++) {
                double sum = 0;
                int row = (b * steps + t) * neurons;
                for (int i = 0; i < neurons; i++) sum += v[row + i];
                out[b][t] = sum / neurons;
            }
        return out;
    }

    /** Averages one run: mean and spread over samples of the neuron means, per step. */
    public static Curve average(double xi, Recorded r) {
        double[][] n = neuronMeans(r.samples(), r.steps(), r.neurons(), r.n()), s = neuronMeans(r.samples(), r.steps(), r.neurons(), r.s());
        double[] mn = new double[r.steps()], sn = new double[r.steps()], ms = new double[r.steps()], ss = new double[r.steps()];
        for (int t = 0; t < r.steps(); t++) {
            double[] a = column(n, t), b = column(s, t);
            mn[t] = mean(a);
            sn[t] = sd(a);
            ms[t] = mean(b);
            ss[t] = sd(b);
        }
        return new Curve(xi, mn, sn, ms, ss);
    }

    /** Runs and averages every amplitude. */
    public static Result analyse(Source source, Protocol p, Simulator sim, Progress progress) {
        List<Curve> curves = new ArrayList<>();
        for (int k = 0; k < p.xi().size(); k++) {
            Recorded r = sim.run(p.xi().get(k));
            if (r.steps() != p.steps()) throw new IllegalArgumentException("recorded " + r.steps() + " steps, expected " + p.steps());
            curves.add(average(p.xi().get(k), r));
            progress.update("amplitudes", k + 1, p.xi().size());
        }
        return new Result(source, p, curves);
    }

    /** Steps before the drive's first step whose mean is the level before the drive. */
    public static final int BEFORE = 10;

    /**
     * How far one shape signal moves under one amplitude (docs/science.md section 5.2, "How much
     * the controller adapts"), measured against the undriven run (xi = 0) at the same steps, so
     * that what the inputs alone do is not counted (against the signal's own level before the
     * drive when xi = 0 was not run). Changes are signed; "rel" divides by the undriven level over
     * the {@link #BEFORE} steps before the drive (fewer when the window starts earlier).
     *
     * @param level  the undriven signal's mean over the steps before the drive
     * @param during the change of largest size inside the drive window
     * @param late   the mean change over the window's second half (what is left once the controller has settled)
     * @param after  the change of largest size in the window's length after it ends (the offset response)
     */
    public record Change(String signal, double xi, double level, double during, double late, double after) {
        public double duringRel() { return during / level; }

        public double lateRel() { return late / level; }

        public double afterRel() { return after / level; }
    }

    /** The {@link Change} of n and of s for every amplitude &gt; 0. */
    public static List<Change> changes(Result r) {
        Window.Steps w = r.protocol().window();
        int steps = r.protocol().steps(), first = w.first(), end = w.end(steps);
        int from = Math.max(0, first - BEFORE), to = Math.max(from + 1, first);  // a window from t = 0 has only its first step "before"
        Curve zero = r.curves().stream().filter(c -> c.xi() == 0).findFirst().orElse(null);
        List<Change> out = new ArrayList<>();
        for (String signal : List.of("n", "s"))
            for (Curve c : r.curves()) {
                if (c.xi() == 0) continue;
                double[] v = signal.equals("n") ? c.meanN() : c.meanS();
                double[] base = zero == null ? null : signal.equals("n") ? zero.meanN() : zero.meanS();
                double level = 0;
                for (int t = from; t < to; t++) level += (base == null ? v[t] : base[t]) / (to - from);
                double[] d = new double[steps];
                for (int t = 0; t < steps; t++) d[t] = v[t] - (base == null ? level : base[t]);
                int mid = first + (end - first) / 2;
                double late = 0;
                for (int t = mid; t < end; t++) late += d[t] / (end - mid);
                out.add(new Change(signal, c.xi(), level, peak(d, first, end), late, peak(d, end, Math.min(steps, end + (end - first)))));
            }
        return out;
    }

    /** The value of largest size over from &lt;= t &lt; to (0 for an empty range). */
    private static double peak(double[] d, int from, int to) {
        double best = 0;
        for (int t = from; t < to; t++) if (Math.abs(d[t]) > Math.abs(best)) best = d[t];
        return best;
    }

    public static final String CHANGES_HEADER = "signal,xi,level_before,during,during_rel,late,late_rel,after,after_rel";

    /** One row per signal and amplitude &gt; 0 ({@link Change}). */
    public static String changesCsv(List<Change> changes) {
        StringBuilder sb = new StringBuilder(CHANGES_HEADER).append('\n');
        for (Change c : changes)
            sb.append(String.format(Locale.ROOT, "%s,%s,%.6g,%.6g,%.4f,%.6g,%.4f,%.6g,%.4f%n", c.signal(), num(c.xi()), c.level(), c.during(), c.duringRel(),
                    c.late(), c.lateRel(), c.after(), c.afterRel()));
        return sb.toString();
    }

    public static final String CSV_HEADER = "xi,t,mean_n,sd_n,mean_s,sd_s,driven";

    /** Tidy: one row per amplitude and step; driven says whether t is inside the drive window. */
    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Curve c : r.curves())
            for (int t = 0; t < c.meanN().length; t++)
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%b%n", num(c.xi()), t, num(c.meanN()[t]), num(c.sdN()[t]), num(c.meanS()[t]),
                        num(c.sdS()[t]), r.protocol().window().contains(t)));
        return sb.toString();
    }

    static double[] column(double[][] v, int t) {
        double[] out = new double[v.length];
        for (int b = 0; b < v.length; b++) out[b] = v[b][t];
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Sample standard deviation (n - 1); NaN for fewer than two values. */
    static double sd(double[] v) {
        if (v.length < 2) return Double.NaN;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /** A number for a CSV: full precision, NaN as NaN. */
    static String num(double v) { return Double.toString(v); }
}
