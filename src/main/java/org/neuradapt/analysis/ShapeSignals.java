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
