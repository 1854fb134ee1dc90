package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.neuradapt.UserError;
import org.neuradapt.neuron.Gamma;
import org.neuradapt.perturbation.Window;

/**
 * The edge-of-chaos picture (docs/science.md section 5.7): where in the (n, s) plane the slope
 * of gamma equals a level (1 by default), and where a trained network's shape parameters sit.
 *
 * <p>With W near orthogonal (the Henaff init, section 2.5), the Jacobian diag(gamma'(a)) W of
 * the linearised map has singular values gamma'(a_i): a neuron whose pre-activation sits at x
 * expands perturbations where gamma'(x; n, s) &gt; 1 and contracts them where it is &lt; 1. One
 * contour per x (the reference's levels 0.9 .. 30, read as typical pre-activations under a drive
 * of that size) is the set of (n, s) with gamma'(x; n, s) = level; the contour of the maximal
 * slope sup_x gamma' = level (section 1.3) bounds them all, and for s &lt; 1/(n + 1) it is the
 * line s = 1 - level, the limit x -&gt; infinity of the others.
 *
 * <p>Each contour is traced by root finding along s for each n of a grid: the sub-intervals of
 * the s range where slope - level changes sign are each solved by Brent's method (Commons Math)
 * to 1e-15 in s, so every point satisfies the level to rounding; gamma'(x; n, s) is affine in s,
 * so a contour of a fixed x has at most one point per n. Consecutive grid points with a root form
 * a segment; a contour that leaves the plane and comes back is two segments.
 *
 * <p>The path: the mean over samples and neurons of an ARUN's (n_t, s_t) at the driven steps of
 * a step drive (pos &lt; t &lt; pos + len), its onset the first driven step and its steady state the
 * mean of the path over a later interval. Pure: the network runs are behind {@link Simulator}.
 */
public final class EdgeOfChaos {
    private EdgeOfChaos() {}

    /** The two kinds of contour: the slope at a fixed x, and the maximal slope over x. */
    public static final String AT_X = "slope_at_x", MAX = "max_slope";

    /** Sign changes are looked for on this many equal sub-intervals of the s range. */
    static final int SCAN = 64;

    /** A rectangle of the (n, s) plane. */
    public record Plane(double nFrom, double nTo, double sFrom, double sTo) {
        public Plane {
            if (!(Double.isFinite(nFrom) && Double.isFinite(nTo) && nFrom < nTo))
                throw new UserError("--n-range " + nFrom + ":" + nTo + " needs finite FROM < TO, e.g. 2:5");
            if (!(Double.isFinite(sFrom) && Double.isFinite(sTo) && sFrom < sTo))
                throw new UserError("--s-range " + sFrom + ":" + sTo + " needs finite FROM < TO, e.g. -0.015:0.025");
        }

        /** The reference's plane (fig5_regularization.py): n in [2, 5], s in [-0.015, 0.025]. */
        public static final Plane REFERENCE = new Plane(2, 5, -0.015, 0.025);

        public boolean contains(double n, double s) { return n >= nFrom && n <= nTo && s >= sFrom && s <= sTo; }

        /**
         * This plane grown to hold every point (n, s) given, with a margin of {@code margin} times
         * the grown extent on each side where it had to grow; an axis not to grow stays as it is;
         * non-finite points are ignored.
         */
        public Plane including(List<double[]> points, double margin, boolean growN, boolean growS) {
            double n0 = nFrom, n1 = nTo, s0 = sFrom, s1 = sTo;
            for (double[] p : points) {
                if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) continue;
                n0 = Math.min(n0, p[0]);
                n1 = Math.max(n1, p[0]);
                s0 = Math.min(s0, p[1]);
                s1 = Math.max(s1, p[1]);
            }
            double dn = margin * (n1 - n0), ds = margin * (s1 - s0);
            return new Plane(growN && n0 < nFrom ? n0 - dn : nFrom, growN && n1 > nTo ? n1 + dn : nTo, growS && s0 < sFrom ? s0 - ds : sFrom,
                    growS && s1 > sTo ? s1 + ds : sTo);
        }

        @Override public String toString() { return num(nFrom) + ":" + num(nTo) + " x " + num(sFrom) + ":" + num(sTo); }
    }

    /** One point of a contour; points of one segment are joined by a line. */
    public record Point(int segment, double n, double s) {}

    /**
     * One contour: where {@code slope(n, s) = level}.
     *
     * @param curve {@link #AT_X} (gamma'(x; n, s)) or {@link #MAX} (sup_x gamma', x NaN)
     */
    public record Contour(String curve, double x, double level, List<Point> points) {
        public Contour {
            points = List.copyOf(points);
        }
    }

    /**
     * Every number of the protocol (docs/science.md section 5.7).
     *
     * @param xs      the x of each contour gamma'(x; n, s) = level
     * @param level   the slope of the contours (1; 0.987 reproduces the reference's shift)
     * @param plane   the plane asked for (each axis grown to hold the overlay unless fixed)
     * @param fixedN  whether the gain axis was given by option and stays as given
     * @param fixedS  the same for the saturation axis
     * @param grid    n values of the contour tracing
     * @param xi      the step amplitudes of the ARUN path
     * @param window  the step drive's window, in steps of the run's T
     * @param steady  the steps whose path mean is the steady state
     * @param batch   test images of the path's mean
     */
    public record Protocol(List<Double> xs, double level, Plane plane, boolean fixedN, boolean fixedS, int grid, List<Double> xi, Window.Steps window,
                           FractionalOrder.Interval steady, int batch) {
        public Protocol {
            xs = List.copyOf(xs);
            xi = List.copyOf(xi);
            if (xs.isEmpty() || xs.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--x must be finite numbers, got " + xs);
            if (!(level > 0) || Double.isInfinite(level)) throw new UserError("--level must be a finite slope > 0, got " + level);
            if (grid < 2) throw new UserError("--grid must be at least 2 n values, got " + grid);
            if (xi.isEmpty() || xi.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--xi must be finite numbers, got " + xi);
            if (batch < 1) throw new UserError("--batch must be at least 1, got " + batch);
        }

        /** The parameters by name, as the options write them. */
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("x", xs);
            m.put("level", level);
            m.put("n_range", num(plane.nFrom()) + ":" + num(plane.nTo()));
            m.put("s_range", num(plane.sFrom()) + ":" + num(plane.sTo()));
            m.put("n_range_fixed", fixedN);
            m.put("s_range_fixed", fixedS);
            m.put("grid", grid);
            m.put("xi", xi);
            m.put("window", window.toString());
            m.put("steady", steady.toString());
            m.put("batch", batch);
            return m;
        }
    }

    /** gamma'(x; n, s) = level along s for each of {@code grid} n values of the plane (both ends included). */
    public static Contour atX(double x, double level, Plane plane, int grid) {
        return new Contour(AT_X, x, level, trace((n, s) -> Gamma.dx(x, n, s), level, plane, grid));
    }

    /** sup_x gamma'(x; n, s) = level ({@link Gamma#maxSlope}). */
    public static Contour maxSlope(double level, Plane plane, int grid) {
        return new Contour(MAX, Double.NaN, level, trace(Gamma::maxSlope, level, plane, grid));
    }

    /** The protocol's contours on {@code plane}: one per x, then the maximal slope's. */
    public static List<Contour> contours(Protocol p, Plane plane) {
        List<Contour> out = new ArrayList<>();
        for (double x : p.xs()) out.add(atX(x, p.level(), plane, p.grid()));
        out.add(maxSlope(p.level(), plane, p.grid()));
        return out;
    }

    /**
     * The points (n, s) of the plane with {@code slope(n, s) = level}: for each n of the grid, every
     * root in s of slope - level, found by Brent's method on each sub-interval with a sign change.
     */
    static List<Point> trace(DoubleBinaryOperator slope, double level, Plane plane, int grid) {
        BrentSolver brent = new BrentSolver(1e-15, 1e-15);
        List<Point> out = new ArrayList<>();
        int segment = -1;
        boolean open = false;
        for (int i = 0; i < grid; i++) {
            double n = plane.nFrom() + (plane.nTo() - plane.nFrom()) * i / (grid - 1);
            List<Double> roots = new ArrayList<>();
            double lo = plane.sFrom(), flo = slope.applyAsDouble(n, lo) - level;
            for (int k = 1; k <= SCAN; k++) {
                double hi = k == SCAN ? plane.sTo() : plane.sFrom() + (plane.sTo() - plane.sFrom()) * k / SCAN;
                double fhi = slope.applyAsDouble(n, hi) - level;
                if (flo == 0) roots.add(lo);
                else if (flo * fhi < 0) {
                    double nn = n;
                    roots.add(brent.solve(200, s -> slope.applyAsDouble(nn, s) - level, lo, hi));
                }
                lo = hi;
                flo = fhi;
            }
            if (flo == 0) roots.add(lo);
            if (roots.isEmpty()) { open = false; continue; }
            if (!open) segment++;
            open = true;
            for (double s : roots) out.add(new Point(segment, n, s));
        }
        return out;
    }

    /** A recording of n_t and s_t, each [batch, steps, neurons] flattened in C order. */
    public record Recording(int batch, int steps, int neurons, double[] n, double[] s) {
        public Recording {
            long size = (long) batch * steps * neurons;
            if (n.length != size || s.length != size) throw new IllegalArgumentException("recording must hold " + size + " values per signal");
        }
    }

    /** The network runs: n_t and s_t of a batch of test images under a step drive of amplitude xi. */
    @FunctionalInterface
    public interface Simulator {
        Recording record(double xi);
    }

    /** One point of a path: the mean (n_t, s_t) at step t. */
    public record PathPoint(int t, double n, double s) {}

    /** The mean (n_t, s_t) at the driven steps under amplitude xi, with its onset (the first driven step) and steady state. */
    public record Path(double xi, List<PathPoint> points, double[] onset, double[] steady) {
        public Path {
            points = List.copyOf(points);
            onset = onset.clone();
            steady = steady.clone();
        }
    }

    /** The mean over samples and neurons of one signal [B, T, N] (flattened), [T]. */
    public static double[] meanOverSamplesAndNeurons(double[] v, int batch, int steps, int neurons) {
        double[] m = new double[steps];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++) {
                int base = (b * steps + t) * neurons;
                for (int i = 0; i < neurons; i++) m[t] += v[base + i];
            }
        for (int t = 0; t < steps; t++) m[t] /= (double) batch * neurons;
        return m;
    }

    /**
     * The path of one recording: mean n_t and s_t at the driven steps pos &lt; t &lt; pos + len (cut
     * at T), the onset at t = pos + 1 and the steady state the mean of the path over {@code steady}.
     */
    public static Path path(double xi, Recording r, Window.Steps window, FractionalOrder.Interval steady) {
        if (window.first() >= window.end(r.steps())) throw new UserError("--window " + window + " holds no step of T = " + r.steps());
        if (!steady.fits(r.steps())) throw new UserError("--steady " + steady + " does not fit T = " + r.steps() + "; give FROM:TO with 0 <= FROM < TO <= T");
        double[] n = meanOverSamplesAndNeurons(r.n(), r.batch(), r.steps(), r.neurons());
        double[] s = meanOverSamplesAndNeurons(r.s(), r.batch(), r.steps(), r.neurons());
        List<PathPoint> pts = new ArrayList<>();
        for (int t = window.first(); t < window.end(r.steps()); t++) pts.add(new PathPoint(t, n[t], s[t]));
        double sn = 0, ss = 0;
        for (int t = steady.from(); t < steady.to(); t++) {
            sn += n[t];
            ss += s[t];
        }
        int k = steady.length();
        return new Path(xi, pts, new double[] {n[window.first()], s[window.first()]}, new double[] {sn / k, ss / k});
    }

    /** The paths of every amplitude of the protocol. */
    public static List<Path> paths(Protocol p, Simulator sim, Progress progress) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < p.xi().size(); i++) {
            progress.update("step drives", i, p.xi().size());
            out.add(path(p.xi().get(i), sim.record(p.xi().get(i)), p.window(), p.steady()));
        }
        progress.update("step drives", p.xi().size(), p.xi().size());
        return out;
    }

    /**
     * Everything the analysis gives: the contours on the plane drawn ({@code plane}, the protocol's
     * grown to hold the overlay on the axes not fixed), the ARUN's paths (empty for other models) and the
     * learned (n_i, s_i) of a heterogeneous-gamma network (empty for the ARUN).
     */
    public record Result(Source source, Protocol protocol, Plane plane, List<Contour> contours, List<Path> paths, List<double[]> neurons) {
        public Result {
            contours = List.copyOf(contours);
            paths = List.copyOf(paths);
            neurons = neurons.stream().map(double[]::clone).toList();
        }
    }

    /** Contours on the protocol's plane, each axis grown (5 % margin) to hold the paths and points unless it is fixed. */
    public static Result analyse(Source source, Protocol p, List<Path> paths, List<double[]> neurons) {
        List<double[]> overlay = new ArrayList<>(neurons);
        for (Path path : paths) for (PathPoint q : path.points()) overlay.add(new double[] {q.n(), q.s()});
        Plane plane = p.plane().including(overlay, 0.05, !p.fixedN(), !p.fixedS());
        return new Result(source, p, plane, contours(p, plane), paths, neurons);
    }

    /** The contours' CSV: {@code curve,x,level,segment,n,s} (x empty for the maximal slope). */
    public static String contoursCsv(Result r) {
        StringBuilder b = new StringBuilder("curve,x,level,segment,n,s\n");
        for (Contour c : r.contours())
            for (Point q : c.points())
                b.append(c.curve()).append(',').append(Double.isNaN(c.x()) ? "" : num(c.x())).append(',').append(num(c.level())).append(',')
                        .append(q.segment()).append(String.format(Locale.ROOT, ",%.12g,%.12g%n", q.n(), q.s()));
        return b.toString();
    }

    /**
     * The overlay's CSV: {@code kind,xi,t,n,s}: kind {@code path} (one row per driven step),
     * {@code onset}, {@code steady} (t empty) or {@code neuron} (a learned (n_i, s_i); xi empty, t the neuron).
     */
    public static String pathCsv(Result r) {
        StringBuilder b = new StringBuilder("kind,xi,t,n,s\n");
        for (Path p : r.paths()) {
            for (PathPoint q : p.points()) b.append(String.format(Locale.ROOT, "path,%s,%d,%.10g,%.10g%n", num(p.xi()), q.t(), q.n(), q.s()));
            b.append(String.format(Locale.ROOT, "onset,%s,%d,%.10g,%.10g%n", num(p.xi()), p.points().get(0).t(), p.onset()[0], p.onset()[1]));
            b.append(String.format(Locale.ROOT, "steady,%s,,%.10g,%.10g%n", num(p.xi()), p.steady()[0], p.steady()[1]));
        }
        for (int i = 0; i < r.neurons().size(); i++)
            b.append(String.format(Locale.ROOT, "neuron,,%d,%.10g,%.10g%n", i, r.neurons().get(i)[0], r.neurons().get(i)[1]));
        return b.toString();
    }

    private static String num(double v) { return Robustness.number(v); }
}
