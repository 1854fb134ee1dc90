package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;
import org.neuradapt.neuron.Gamma;
import org.neuradapt.perturbation.Window;

/**
 * The reference's Lyapunov spectrum (docs/science.md section 5.5, variant "reference"): the
 * exponents of the autonomous map h -&gt; gamma(h W; n, s) (column convention gamma(W^T h), the
 * reference's {@code calculateLEs} with PyTorch's weight V = W^T), no input and, by default, no
 * bias and no drive, for shape parameters (n, s) read off a driven trajectory.
 *
 * <p>For each step amplitude xi the network runs a test batch; at each step t of a grid the map
 * takes that step's (n_t, s_t), averaged over samples ("adaptive"), or those of the last step
 * before the drive, t = pos ("fixed"), and starts from that step's sample-mean h_t. The xi panel
 * takes (n, s) averaged over the second half of the drive window (adaptive) or at t = pos (fixed).
 * For models whose (n, s) do not move (rnn_gamma_*), adaptive and fixed coincide.
 *
 * <p>Pure: the network runs are behind {@link Simulator}.
 */
public final class ReferenceLyapunov {
    private ReferenceLyapunov() {}

    /** How the per-neuron shape parameters enter the map: each neuron its own sample mean, or all neurons the population mean. */
    public enum Shapes {
        NEURON("neuron"), POPULATION("population");

        public final String id;

        Shapes(String id) { this.id = id; }
    }

    public static final String ADAPTIVE = "adaptive", FIXED = "fixed";

    /**
     * @param k         exponents per evaluation
     * @param transientSteps map steps discarded
     * @param steps     map steps accumulated
     * @param xi        step amplitudes
     * @param window    the step drive's window (strict, pos &lt; t &lt; pos + len)
     * @param stride    the time panel evaluates every stride-th step, counted from the onset pos + 1
     * @param shapes    per-neuron or population shape parameters
     * @param bias      whether the map adds the run's b (the reference does not)
     * @param drive     whether the map adds the step's drive xi inside the window (the reference has none)
     * @param unit      nats or bits in the CSV
     * @param seed      seed of the random start Q_0
     */
    public record Protocol(int k, int transientSteps, int steps, List<Double> xi, Window.Steps window, int stride, Shapes shapes, boolean bias,
                           boolean drive, Lyapunov.Unit unit, long seed) {
        public Protocol {
            xi = List.copyOf(xi);
            if (k < 1) throw new UserError("--k must be at least 1, got " + k);
            if (transientSteps < 0) throw new UserError("--transient must be >= 0, got " + transientSteps);
            if (steps < 1) throw new UserError("--steps must be at least 1, got " + steps);
            if (stride < 1) throw new UserError("--stride must be at least 1, got " + stride);
            if (xi.isEmpty() || xi.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--xi must be finite numbers, got " + xi);
            if (window.len() < 3) throw new UserError("--window " + window + " holds no steady half; give a length of at least 3 steps");
        }

        public Protocol withSeed(long s) { return new Protocol(k, transientSteps, steps, xi, window, stride, shapes, bias, drive, unit, s); }

        /** The first driven step. */
        public int onset() { return window.pos() + 1; }

        /** The steps whose (n, s) the xi panel's adaptive value averages: the second half of the window. */
        public int[] steady() {
            int from = window.pos() + (window.len() + 1) / 2, to = window.pos() + window.len();  // from <= t < to, all inside the strict window
            int[] t = new int[to - from];
            for (int i = 0; i < t.length; i++) t[i] = from + i;
            return t;
        }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", "reference");
            m.put("k", k);
            m.put("transient", transientSteps);
            m.put("steps", steps);
            m.put("xi", xi);
            m.put("window", window.toString());
            m.put("stride", stride);
            m.put("shapes", shapes.id);
            m.put("bias", bias);
            m.put("drive", drive);
            m.put("figure_unit", unit.id);
            m.put("seed", seed);
            return m;
        }
    }

    /**
     * The sample means of a driven run: n[t][i], s[t][i], h[t][i] over T steps and N neurons.
     */
    public record Path(double[][] n, double[][] s, double[][] h) {
        public int steps() { return h.length; }
    }

    @FunctionalInterface
    public interface Simulator {
        Path run(double xi);
    }

    /**
     * One evaluation of the map.
     *
     * @param panel "time" or "xi"
     * @param t     the step whose shape parameters were used (time panel), -1 on the xi panel
     * @param n     the mean over neurons of the n the map used; s likewise
     * @param exponents nats per step
     */
    public record Point(String panel, double xi, String mode, int t, double n, double s, double[] exponents) {}

    public record Result(Source source, Protocol protocol, List<Point> points) {
        public Result { points = List.copyOf(points); }
    }

    /**
     * The autonomous map h -&gt; gamma(h W + c; n, s) as tangent maps, starting from h0 and
     * advancing its own state (c: b, the drive, both or nothing).
     */
    public static Lyapunov.TangentMaps autonomous(double[][] w, double[] c, double[] n, double[] s, double[] h0) {
        int nn = w.length;
        double[] h = h0.clone();
        return new Lyapunov.TangentMaps() {
            @Override public int dimension() { return nn; }

            @Override
            public void apply(int t, double[][] vectors) {
                double[] a = c.clone();
                for (int j = 0; j < nn; j++) for (int i = 0; i < nn; i++) a[i] += h[j] * w[j][i];
                double[] slope = new double[nn];
                for (int i = 0; i < nn; i++) {
                    slope[i] = Gamma.dx(a[i], n[i], s[i]);
                    h[i] = Gamma.value(a[i], n[i], s[i]);
                }
                SlopeJacobian j = new SlopeJacobian(slope, w);
                for (int v = 0; v < vectors.length; v++) vectors[v] = j.apply(vectors[v]);
            }
        };
    }

    public static Result analyse(Source source, Protocol p, double[][] w, double[] b, Simulator sim, Progress progress) {
        int nn = w.length;
        if (p.k() > nn) throw new UserError("--k " + p.k() + " exceeds N = " + nn + "; give --k <= " + nn);
        List<Point> points = new ArrayList<>();
        int done = 0;
        for (double xi : p.xi()) {
            Path path = sim.run(xi);
            int T = path.steps();
            if (p.window().pos() + p.window().len() > T)
                throw new UserError("--window " + p.window() + " does not fit T = " + T + "; give pos + len <= " + T);
            List<Integer> times = new ArrayList<>();
            for (int t = p.onset() % p.stride(); t < T; t += p.stride()) times.add(t);
            int total = p.xi().size() * (2 * times.size() + 2);
            double[] nFixed = shape(p, path.n()[p.window().pos()]), sFixed = shape(p, path.s()[p.window().pos()]);
            for (int t : times) {
                double[] c = current(p, b, xi, p.window().contains(t), nn);
                double[] n = shape(p, path.n()[t]), s = shape(p, path.s()[t]);
                double[] adaptive = exponents(p, w, c, n, s, path.h()[t], t);
                points.add(new Point("time", xi, ADAPTIVE, t, mean(n), mean(s), adaptive));
                double[] fixed = Arrays.equals(n, nFixed) && Arrays.equals(s, sFixed) ? adaptive : exponents(p, w, c, nFixed, sFixed, path.h()[t], t);
                points.add(new Point("time", xi, FIXED, t, mean(nFixed), mean(sFixed), fixed));
                done += 2;
                progress.update("map evaluations", done, total);
            }
            int[] steady = p.steady();
            double[] n = shape(p, average(path.n(), steady)), s = shape(p, average(path.s(), steady));
            double[] h0 = path.h()[steady[steady.length - 1]];
            double[] c = current(p, b, xi, true, nn);
            points.add(new Point("xi", xi, ADAPTIVE, -1, mean(n), mean(s), exponents(p, w, c, n, s, h0, T)));
            points.add(new Point("xi", xi, FIXED, -1, mean(nFixed), mean(sFixed), exponents(p, w, c, nFixed, sFixed, h0, T)));
            done += 2;
            progress.update("map evaluations", done, total);
        }
        return new Result(source, p, points);
    }

    private static double[] exponents(Protocol p, double[][] w, double[] c, double[] n, double[] s, double[] h0, int t) {
        return Lyapunov.estimate(autonomous(w, c, n, s, h0), p.k(), p.transientSteps(), p.steps(), p.seed() + t).exponents();
    }

    /** The map's constant term: b if asked for, plus xi inside the window if asked for. */
    private static double[] current(Protocol p, double[] b, double xi, boolean driven, int nn) {
        double[] c = new double[nn];
        for (int i = 0; i < nn; i++) c[i] = (p.bias() ? b[i] : 0) + (p.drive() && driven ? xi : 0);
        return c;
    }

    private static double[] shape(Protocol p, double[] perNeuron) {
        if (p.shapes() == Shapes.NEURON) return perNeuron.clone();
        double[] v = new double[perNeuron.length];
        Arrays.fill(v, mean(perNeuron));
        return v;
    }

    private static double[] average(double[][] rows, int[] which) {
        double[] m = new double[rows[0].length];
        for (int t : which) for (int i = 0; i < m.length; i++) m[i] += rows[t][i] / which.length;
        return m;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    // ---- tidy CSV ----

    public static final String HEADER = "panel,xi,mode,t,t_from_onset,n_mean,s_mean,index,lambda_nats,lambda_bits";

    /** One row per evaluation and exponent index, per step in nats and in bits (the reference's log2); t and t_from_onset empty on the xi panel. */
    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Point pt : r.points()) {
            String t = pt.t() < 0 ? "," : pt.t() + "," + (pt.t() - r.protocol().onset());
            for (int i = 0; i < pt.exponents().length; i++)
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%d,%s,%s%n", pt.panel(), Robustness.number(pt.xi()), pt.mode(), t, pt.n(), pt.s(),
                        i + 1, pt.exponents()[i], pt.exponents()[i] * Lyapunov.Unit.BITS.factor));
        }
        return sb.toString();
    }
}
