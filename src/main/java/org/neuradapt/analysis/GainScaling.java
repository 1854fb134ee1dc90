package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;
import org.neuradapt.perturbation.Window;

/**
 * Gain scaling (docs/science.md section 5.3): under a Gaussian drive N(0, xi^2) inside the paper's
 * window, the ARUN's mean gain n and saturation s over neurons, samples and the second half of the
 * window, against xi; fitted by least squares over xi &gt; 0 with n(xi) = a xi^(-b) + c and
 * s(xi) = a exp(-b xi) + c ({@link Form}), as the reference's {@code curve_fit} does.
 *
 * <p>The fit ({@link #fit}) is Commons Math's Levenberg-Marquardt ({@link LeastSquares}), started from the best point of
 * a grid over b on which (a, c), linear given b, are solved exactly: with seven points a poor
 * start can leave LM in a flat valley. Standard errors are those of {@code curve_fit}: the
 * square roots of the diagonal of (J^T J)^-1 scaled by the residual variance RSS / (points - 3).
 *
 * <p>Pure: the network runs are behind {@link ShapeSignals.Simulator}.
 */
public final class GainScaling {
    private GainScaling() {}

    /** The two fitted forms. */
    public enum Form {
        /** a xi^(-b) + c, the gain's. */
        POWER("power", "a xi^(-b) + c"),
        /** a exp(-b xi) + c, the saturation's. */
        EXPONENTIAL("exponential", "a exp(-b xi) + c");

        public final String id, formula;

        Form(String id, String formula) {
            this.id = id;
            this.formula = formula;
        }

        /** The basis function f(x; b), so the model is a f + c. */
        double basis(double x, double b) { return this == POWER ? Math.pow(x, -b) : Math.exp(-b * x); }

        /** d f / d b. */
        double basisDb(double x, double b) { return this == POWER ? -Math.log(x) * Math.pow(x, -b) : -x * Math.exp(-b * x); }

        public double value(double x, double a, double b, double c) { return a * basis(x, b) + c; }

        /** The grid of b the start is chosen from, for abscissae x (all &gt; 0). */
        double[] startGrid(double[] x) {
            double xmax = 0;
            for (double v : x) xmax = Math.max(xmax, v);
            int n = 801;
            double[] b = new double[n];
            // power: b in [-3, 5]; exponential: b xmax in [-5, 40] (decay over 1/40 of the range to a mild growth)
            for (int i = 0; i < n; i++) b[i] = this == POWER ? -3 + 8.0 * i / (n - 1) : (-5 + 45.0 * i / (n - 1)) / xmax;
            return b;
        }
    }

    /**
     * One least-squares fit.
     *
     * @param seA, seB, seC standard errors (NaN with fewer than 4 points or a singular J^T J)
     * @param r2            1 - RSS / TSS (NaN when y is constant)
     * @param points        the points fitted (xi &gt; 0)
     */
    public record Fit(String signal, Form form, double a, double b, double c, double seA, double seB, double seC, double r2, double rss, int points,
                      int iterations) {
        public double value(double x) { return form.value(x, a, b, c); }
    }

    /** Fits y = form(x; a, b, c) over the points with x &gt; 0. */
    public static Fit fit(String signal, Form form, double[] xs, double[] ys) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) if (xs[i] > 0 && Double.isFinite(ys[i])) pts.add(new double[] {xs[i], ys[i]});
        int n = pts.size();
        if (n < 3) throw new IllegalArgumentException("a three-parameter fit needs at least 3 points with xi > 0, got " + n);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        LeastSquares.Fit f = LeastSquares.fit(new LeastSquares.Model() {
            @Override public double value(double v, double[] p) { return form.value(v, p[0], p[1], p[2]); }

            @Override public void gradient(double v, double[] p, double[] g) {
                g[0] = form.basis(v, p[1]);
                g[1] = p[0] * form.basisDb(v, p[1]);
                g[2] = 1;
            }
        }, x, y, start(form, x, y), null);
        double[] p = f.params(), se = f.se();
        return new Fit(signal, form, p[0], p[1], p[2], se[0], se[1], se[2], f.r2(), f.rss(), n, f.iterations());
    }

    /** The (a, b, c) of least RSS over the b grid, with (a, c) the exact linear least squares at each b. */
    static double[] start(Form form, double[] x, double[] y) {
        int n = x.length;
        double best = Double.POSITIVE_INFINITY;
        double[] out = {0, 1, ShapeSignals.mean(y)};
        for (double b : form.startGrid(x)) {
            double sf = 0, sff = 0, sy = 0, sfy = 0;
            for (int i = 0; i < n; i++) {
                double f = form.basis(x[i], b);
                sf += f;
                sff += f * f;
                sy += y[i];
                sfy += f * y[i];
            }
            double det = n * sff - sf * sf;
            if (!(Math.abs(det) > 1e-12 * Math.max(1, n * sff))) continue;
            double a = (n * sfy - sf * sy) / det, c = (sy - a * sf) / n, rss = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - a * form.basis(x[i], b) - c;
                rss += r * r;
            }
            if (rss < best) {
                best = rss;
                out = new double[] {a, b, c};
            }
        }
        return out;
    }

    /**
     * The protocol's numbers.
     *
     * @param xi      the drive's standard deviations (the fit uses those &gt; 0)
     * @param window  the Gaussian drive's window at T (strict: pos &lt; t &lt; pos + len)
     * @param measure the steps averaged, FROM &lt;= t &lt; TO (default the window's second half)
     * @param steps   T
     * @param samples test samples per amplitude
     * @param input   "test" or "zeros"
     * @param seed    seed of the drive (the same draws, scaled by xi, for every amplitude)
     */
    public record Protocol(List<Double> xi, Window.Steps window, FractionalOrder.Interval measure, int steps, int samples, String input, long seed) {
        public Protocol {
            xi = List.copyOf(xi);
            if (xi.stream().anyMatch(v -> !Double.isFinite(v) || v < 0)) throw new UserError("--xi must be standard deviations >= 0, got " + xi);
            if (xi.stream().filter(v -> v > 0).count() < 3)
                throw new UserError("--xi needs at least 3 values > 0 for the three-parameter fits, got " + xi);
            if (samples < 1) throw new UserError("--samples must be at least 1, got " + samples);
            if (!measure.fits(steps)) throw new UserError("--measure " + measure + " does not fit T = " + steps + "; give FROM:TO with 0 <= FROM < TO <= " + steps);
        }

        /**
         * The second half of the driven steps first .. end - 1 (end cut at T): from
         * first + floor(count / 2), so 300 .. 399 of the paper's 201 .. 399 and 75 .. 99 at T = 196.
         */
        public static FractionalOrder.Interval secondHalf(Window.Steps w, int steps) {
            int first = w.first(), end = w.end(steps);
            return new FractionalOrder.Interval(first + Math.max(0, end - first) / 2, end);
        }

        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("drive", "gaussian");
            m.put("xi", xi);
            m.put("window", window.toString());
            m.put("measure", measure.toString());
            m.put("steps", steps);
            m.put("samples", samples);
            m.put("input", input);
            m.put("seed", seed);
            return m;
        }
    }

    /**
     * One amplitude: n and s averaged over neurons, the measured steps and samples (of every run
     * averaged), with the standard deviation over those samples of each sample's mean.
     */
    public record Point(double xi, double meanN, double sdN, double meanS, double sdS) {}

    /**
     * The fitted curves of one or more runs (several seeds of one model, averaged before the fit as
     * the paper averages seeds 200, 400 and 600).
     */
    public record Result(List<Source> sources, Protocol protocol, List<Point> points, Fit n, Fit s, List<RunFit> runs) {
        public Result {
            sources = List.copyOf(sources);
            points = List.copyOf(points);
            runs = List.copyOf(runs);
        }

        /** The effect of the pooled fit of one signal ("n" or "s"). */
        public Effect effect(String signal) { return Effect.of(signal.equals("n") ? n : s, points, signal); }
    }

    /**
     * How large the fitted change is against the spread of the data (docs/science.md section 5.3,
     * "Effect size"): change = fit(xi_max) - fit(xi_min) over the fitted amplitudes, spread = the
     * per-sample standard deviation averaged over those amplitudes, size = change / spread (a
     * Cohen's d of the whole curve). A fit's SE can be tiny while size is far below 1: the same
     * drive draws serve every xi, so the curve is smooth even when samples disagree.
     */
    public record Effect(String signal, double change, double spread, double size) {
        static Effect of(Fit f, List<Point> points, String signal) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, spread = 0;
            int k = 0;
            for (Point p : points) {
                if (!(p.xi() > 0)) continue;
                lo = Math.min(lo, p.xi());
                hi = Math.max(hi, p.xi());
                spread += signal.equals("n") ? p.sdN() : p.sdS();
                k++;
            }
            spread /= k;
            double change = f.value(hi) - f.value(lo);
            return new Effect(signal, change, spread, change / spread);
        }
    }

    /** The fits of one run alone, and their effects: one seed's gain scaling. */
    public record RunFit(Source source, List<Point> points, Fit n, Fit s) {
        public Effect effect(String signal) { return Effect.of(signal.equals("n") ? n : s, points, signal); }
    }

    /**
     * The point of one amplitude from the runs of several networks: each sample's mean over
     * neurons and the measured steps, then the mean and spread over the samples of all runs (with
     * as many samples per run, the mean of the runs' means).
     */
    public static Point point(double xi, List<ShapeSignals.Recorded> runs, FractionalOrder.Interval measure) {
        List<Double> pn = new ArrayList<>(), ps = new ArrayList<>();
        for (ShapeSignals.Recorded r : runs) {
            double[][] n = ShapeSignals.neuronMeans(r.samples(), r.steps(), r.neurons(), r.n()), s = ShapeSignals.neuronMeans(r.samples(), r.steps(), r.neurons(), r.s());
            for (int b = 0; b < r.samples(); b++) {
                double sn = 0, ss = 0;
                for (int t = measure.from(); t < measure.to(); t++) {
                    sn += n[b][t] / measure.length();
                    ss += s[b][t] / measure.length();
                }
                pn.add(sn);
                ps.add(ss);
            }
        }
        double[] an = pn.stream().mapToDouble(Double::doubleValue).toArray(), as = ps.stream().mapToDouble(Double::doubleValue).toArray();
        return new Point(xi, ShapeSignals.mean(an), ShapeSignals.sd(an), ShapeSignals.mean(as), ShapeSignals.sd(as));
    }

    /** Runs every amplitude on every network (one simulator per run, sources in the same order), averages and fits. */
    public static Result analyse(List<Source> sources, Protocol p, List<ShapeSignals.Simulator> sims, Progress progress) {
        if (sources.size() != sims.size() || sims.isEmpty()) throw new IllegalArgumentException("one source per simulator, at least one");
        List<Point> points = new ArrayList<>();
        List<List<Point>> perRun = new ArrayList<>();
        for (int k = 0; k < sims.size(); k++) perRun.add(new ArrayList<>());
        int done = 0, total = p.xi().size() * sims.size();
        for (double xi : p.xi()) {
            List<ShapeSignals.Recorded> runs = new ArrayList<>();
            for (int k = 0; k < sims.size(); k++) {
                ShapeSignals.Recorded r = sims.get(k).run(xi);
                if (r.steps() != p.steps()) throw new IllegalArgumentException("recorded " + r.steps() + " steps, expected " + p.steps());
                runs.add(r);
                perRun.get(k).add(point(xi, List.of(r), p.measure()));
                progress.update("runs", ++done, total);
            }
            points.add(point(xi, runs, p.measure()));
        }
        List<RunFit> fits = new ArrayList<>();
        for (int k = 0; k < sims.size(); k++) fits.add(new RunFit(sources.get(k), List.copyOf(perRun.get(k)), fitN(perRun.get(k)), fitS(perRun.get(k))));
        return new Result(sources, p, points, fitN(points), fitS(points), fits);
    }

    private static Fit fitN(List<Point> points) {
        return fit("n", Form.POWER, points.stream().mapToDouble(Point::xi).toArray(), points.stream().mapToDouble(Point::meanN).toArray());
    }

    private static Fit fitS(List<Point> points) {
        return fit("s", Form.EXPONENTIAL, points.stream().mapToDouble(Point::xi).toArray(), points.stream().mapToDouble(Point::meanS).toArray());
    }

    public static final String SEEDS_HEADER = "run,seed,signal,a,b,se_b,c,r2,change,spread,effect_size";

    /** One row per run and signal: that run's own fit and {@link Effect}; then the rows "pooled", the fit of the curve averaged over runs. */
    public static String seedsCsv(Result r) {
        StringBuilder sb = new StringBuilder(SEEDS_HEADER).append('\n');
        for (RunFit f : r.runs())
            for (String sig : List.of("n", "s")) row(sb, f.source().run(), Long.toString(f.source().seed()), sig.equals("n") ? f.n() : f.s(), f.effect(sig));
        for (String sig : List.of("n", "s")) row(sb, "pooled", "", sig.equals("n") ? r.n() : r.s(), r.effect(sig));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String run, String seed, Fit f, Effect e) {
        sb.append(String.join(",", Csv.quote(run), seed, f.signal(), ShapeSignals.num(f.a()), ShapeSignals.num(f.b()), ShapeSignals.num(f.seB()),
                ShapeSignals.num(f.c()), ShapeSignals.num(f.r2()), ShapeSignals.num(e.change()), ShapeSignals.num(e.spread()), ShapeSignals.num(e.size()))).append('\n');
    }

    /** The change of one signal over the xi range, one value per run: its mean and 95% t interval over runs (docs/science.md section 5.3). */
    public static SeedStatistics.MeanInterval changeOverRuns(Result r, String signal) {
        return SeedStatistics.mean(r.runs().stream().mapToDouble(f -> f.effect(signal).change()).toArray());
    }

    public static final String POINTS_HEADER = "xi,mean_n,sd_n,mean_s,sd_s,fit_n,fit_s";

    /** One row per amplitude: the means, their spread over samples and the fitted values (empty at xi = 0, outside the fit). */
    public static String pointsCsv(Result r) {
        StringBuilder sb = new StringBuilder(POINTS_HEADER).append('\n');
        for (Point p : r.points()) {
            String fn = p.xi() > 0 ? ShapeSignals.num(r.n().value(p.xi())) : "", fs = p.xi() > 0 ? ShapeSignals.num(r.s().value(p.xi())) : "";
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s%n", ShapeSignals.num(p.xi()), ShapeSignals.num(p.meanN()), ShapeSignals.num(p.sdN()),
                    ShapeSignals.num(p.meanS()), ShapeSignals.num(p.sdS()), fn, fs));
        }
        return sb.toString();
    }

    public static final String FITS_HEADER = "signal,form,formula,a,se_a,b,se_b,c,se_c,r2,rss,points";

    /** One row per fitted signal. */
    public static String fitsCsv(Result r) {
        StringBuilder sb = new StringBuilder(FITS_HEADER).append('\n');
        for (Fit f : List.of(r.n(), r.s()))
            sb.append(String.join(",", f.signal(), f.form().id, Csv.quote(f.form().formula), ShapeSignals.num(f.a()), ShapeSignals.num(f.seA()),
                    ShapeSignals.num(f.b()), ShapeSignals.num(f.seB()), ShapeSignals.num(f.c()), ShapeSignals.num(f.seC()), ShapeSignals.num(f.r2()),
                    ShapeSignals.num(f.rss()), Integer.toString(f.points()))).append('\n');
        return sb.toString();
    }
}
