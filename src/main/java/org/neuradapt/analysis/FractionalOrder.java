package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuradapt.UserError;
import org.neuradapt.perturbation.Window;

/**
 * The fractional-order protocol (docs/science.md section 5.4): how well does the trial- and
 * neuron-averaged response h_t to a step drive, differentiated to order alpha, reproduce the step?
 *
 * <p>For each amplitude xi &gt; 0 and each alpha of a grid, y = D^alpha s - (D^alpha s)[ref] (s the
 * response averaged over trials and neurons, {@link FractionalDerivative}) is compared by mean
 * squared error over an MSE window with a step target. alpha* minimises the MSE summed over the
 * amplitudes; per amplitude and per neuron (at the largest amplitude, on a wider grid) the same
 * fit gives alpha per xi and the distribution of alpha over neurons. The adaptation index of each
 * neuron is (r_early - r_late) / (r_early + r_late) of its trial-mean response at the largest xi.
 *
 * <p>Two targets, both always fitted ({@link Target}): the reference's, baseline + xi on the
 * baseline, and the consistent one, xi on 0. The headline alpha* is the consistent target's
 * ({@link #HEADLINE}): y is referenced to 0 at the reference step, so a target on the baseline adds
 * an error that does not vanish at the best alpha and pulls alpha* (docs/science.md section 5.4).
 *
 * <p>Pure: the network runs are behind {@link Simulator}; no I/O.
 */
public final class FractionalOrder {
    private FractionalOrder() {}

    /** The step target y is compared with. */
    public enum Target {
        /** xi inside the target window, 0 elsewhere: like y, referenced to 0 (the fig3/fig4 scripts' target). */
        CONSISTENT("consistent"),
        /** baseline + xi inside the target window, the baseline elsewhere (appendix_fracdiff.py's target). */
        REFERENCE("reference");

        public final String id;

        Target(String id) { this.id = id; }

        /** The target's value at step t for amplitude xi. */
        public double value(Protocol p, double xi, int t) {
            double base = this == REFERENCE ? p.baseline() : 0;
            return p.target().contains(t) ? base + xi : base;
        }
    }

    /** The target whose alpha* is the headline number (see the class comment). */
    public static final Target HEADLINE = Target.CONSISTENT;

    /** The two conditions of the protocol: W replaced by its diagonal, or kept. */
    public static final String ISOLATED = "isolated", INTERACTING = "interacting";

    /** Steps {@code from <= t < to} (the MSE window and the adaptation index's windows). */
    public record Interval(int from, int to) {
        public int length() { return to - from; }

        public boolean fits(int steps) { return from >= 0 && from < to && to <= steps; }

        @Override public String toString() { return from + ":" + to; }

        /**
         * Reads {@code FROM:TO} (whole steps, FROM &lt;= t &lt; TO).
         *
         * @throws UserError naming {@code option}
         */
        public static Interval parse(String option, String text) {
            String[] p = text == null ? new String[0] : text.split(":", -1);
            try {
                if (p.length == 2) return new Interval(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new UserError(option + ": cannot read '" + text + "'; give FROM:TO in whole steps (FROM <= t < TO), e.g. 40:110");
        }
    }

    /** {@code count} evenly spaced values from {@code from} to {@code to}, both included (numpy's linspace). */
    public record AlphaGrid(double from, double to, int count) {
        public double[] values() {
            double[] v = new double[count];
            for (int i = 0; i < count; i++) v[i] = count == 1 ? from : from + (to - from) * i / (count - 1);
            return v;
        }

        /** The grid's spacing (0 for a single point). */
        public double step() { return count == 1 ? 0 : (to - from) / (count - 1); }

        @Override public String toString() { return num(from) + ":" + num(to) + ":" + count; }

        /**
         * Reads {@code FROM:TO:COUNT}.
         *
         * @throws UserError naming {@code option}
         */
        public static AlphaGrid parse(String option, String text) {
            String[] p = text == null ? new String[0] : text.split(":", -1);
            String form = "; give FROM:TO:COUNT (COUNT >= 1 evenly spaced values, both ends included), e.g. 0:1:1001";
            if (p.length != 3) throw new UserError(option + ": cannot read '" + text + "'" + form);
            double a, b;
            int n;
            try {
                a = Double.parseDouble(p[0].strip());
                b = Double.parseDouble(p[1].strip());
                n = Integer.parseInt(p[2].strip());
            } catch (NumberFormatException e) {
                throw new UserError(option + ": cannot read '" + text + "'" + form);
            }
            if (!Double.isFinite(a) || !Double.isFinite(b) || n < 1 || a > b)
                throw new UserError(option + ": '" + text + "' needs finite FROM <= TO and COUNT >= 1" + form);
            return new AlphaGrid(a, b, n);
        }
    }

    /**
     * Every number of the protocol (docs/science.md section 5.4). The constructor checks that the
     * windows and grids fit {@code steps} and names the command-line option of a field that does
     * not (the options of {@code analyze fractional-order} mirror these fields one to one).
     *
     * @param trials        independent trials, each with its own constant inputs
     * @param steps         steps T of a trial (the protocol's own clock, not the task's)
     * @param xi            the step amplitudes; the fit uses those &gt; 0, the per-neuron fit the largest
     * @param drive         the step drive's window, strict: pos &lt; t &lt; pos + len
     * @param target        the target step's window, strict like the drive's
     * @param mse           the steps the MSE is taken over
     * @param referenceStep y is referenced to its value at this step
     * @param baseline      the reference target's baseline
     * @param alphas        the grid of the mean-response fit
     * @param neuronAlphas  the grid of the per-neuron fit
     * @param early         r_early's steps
     * @param late          r_late's steps
     * @param inputMean     mean of each neuron's constant input x_i
     * @param inputSd       its standard deviation
     * @param noiseSd       standard deviation of the constant noise eps_i added to it
     * @param seed          seed of the draws of x and eps
     */
    public record Protocol(int trials, int steps, List<Double> xi, Window.Steps drive, Window.Steps target, Interval mse, int referenceStep,
                           double baseline, AlphaGrid alphas, AlphaGrid neuronAlphas, Interval early, Interval late,
                           double inputMean, double inputSd, double noiseSd, long seed) {
        public Protocol {
            xi = List.copyOf(xi);
            if (trials < 1) throw new UserError("--trials must be at least 1, got " + trials);
            if (steps < 2) throw new UserError("--steps must be at least 2, got " + steps);
            if (xi.stream().noneMatch(v -> v > 0)) throw new UserError("--xi must hold at least one amplitude > 0 (the fit uses xi > 0), got " + xi);
            if (xi.stream().anyMatch(v -> !Double.isFinite(v))) throw new UserError("--xi must be finite numbers, got " + xi);
            fits("--window", drive, steps);
            fits("--target-window", target, steps);
            fits("--mse-window", mse, steps);
            fits("--early", early, steps);
            fits("--late", late, steps);
            if (referenceStep < 0 || referenceStep >= steps)
                throw new UserError("--reference-step " + referenceStep + " does not fit --steps " + steps + "; give a step in [0, " + steps + ")");
            if (!Double.isFinite(baseline) || !Double.isFinite(inputMean)) throw new UserError("--target-baseline and --input-mean must be finite numbers");
            if (!(inputSd >= 0) || !(noiseSd >= 0) || Double.isInfinite(inputSd) || Double.isInfinite(noiseSd))
                throw new UserError("--input-sd and --noise-sd must be finite and >= 0, got " + inputSd + " and " + noiseSd);
        }

        private static void fits(String option, Window.Steps w, int steps) {
            if (w.len() < 2 || (long) w.pos() + w.len() > steps)
                throw new UserError(option + " " + w + " does not fit --steps " + steps + ": the steps pos < t < pos + len must be non-empty and end by T, so "
                        + "pos >= 0, len >= 2 and pos + len <= " + steps);
        }

        private static void fits(String option, Interval w, int steps) {
            if (!w.fits(steps))
                throw new UserError(option + " " + w + " does not fit --steps " + steps + "; give FROM:TO with 0 <= FROM < TO <= " + steps);
        }

        /** The largest amplitude, where the per-neuron fit and the adaptation index are taken. */
        public double largestXi() { return xi.stream().mapToDouble(Double::doubleValue).max().orElseThrow(); }

        /** The parameters by name, as the options write them, for the results' provenance. */
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trials", trials);
            m.put("steps", steps);
            m.put("xi", xi);
            m.put("window", drive.toString());
            m.put("target_window", target.toString());
            m.put("mse_window", mse.toString());
            m.put("reference_step", referenceStep);
            m.put("target_baseline", baseline);
            m.put("alpha_grid", alphas.toString());
            m.put("neuron_alpha_grid", neuronAlphas.toString());
            m.put("early", early.toString());
            m.put("late", late.toString());
            m.put("input_mean", inputMean);
            m.put("input_sd", inputSd);
            m.put("noise_sd", noiseSd);
            m.put("seed", seed);
            m.put("headline_target", HEADLINE.id);
            return m;
        }
    }

    /** The network runs of one condition: the recorded h [trials, T, N] under the step of amplitude xi. */
    @FunctionalInterface
    public interface Simulator {
        double[][][] response(double xi);
    }

    /** One MSE curve over the alpha grid: one condition, target and amplitude. */
    public record Curve(String condition, Target target, double xi, double[] alphas, double[] mse) {
        /** The grid point of least MSE (the first of equals; NaN when every MSE is NaN). */
        public double best() { return alphas[argmin(mse)]; }
    }

    /**
     * One fitted alpha*: of the MSE summed over xi &gt; 0 ({@code xi} NaN) or of one amplitude.
     *
     * @param headline whether this is the headline number: the summed fit on the {@link #HEADLINE} target
     */
    public record Fit(String condition, Target target, double xi, double alpha, double mse, boolean headline) {
        public boolean summed() { return Double.isNaN(xi); }
    }

    /** One neuron at the largest xi: its alpha under both targets and its adaptation index. */
    public record Neuron(String condition, int neuron, double alphaConsistent, double alphaReference, double adaptationIndex) {
        public double alpha(Target t) { return t == Target.CONSISTENT ? alphaConsistent : alphaReference; }
    }

    /** The response of one condition to one amplitude, averaged over trials and neurons, [T]. */
    public record Response(String condition, double xi, double[] mean) {}

    /** Everything the protocol gives for one condition. */
    public record Result(Source source, Protocol protocol, String condition, List<Response> responses, List<Curve> curves, List<Fit> fits,
                         List<Neuron> neurons) {
        /** alpha* of the MSE summed over xi &gt; 0 against {@code target}. */
        public double alphaStar(Target target) {
            return fits.stream().filter(f -> f.summed() && f.target() == target).findFirst().orElseThrow().alpha();
        }

        /** y = D^alpha s - (D^alpha s)[ref] of the response to xi at every step, with alpha = alpha*(target). */
        public double[] differentiated(Target target, Response r) {
            double[] y = new FractionalDerivative(protocol.steps()).apply(alphaStar(target), r.mean());
            double ref = y[protocol.referenceStep()];
            for (int t = 0; t < y.length; t++) y[t] -= ref;
            return y;
        }
    }

    /**
     * Each neuron's constant input x_i + eps_i for every trial, [trials][N]: x_i ~ N(inputMean,
     * inputSd^2) and eps_i ~ N(0, noiseSd^2), both drawn once per trial (as appendix_fracdiff.py
     * draws them) from the protocol's seed, x for every trial first. The same values serve every
     * amplitude and both conditions.
     */
    public static double[][] inputs(Protocol p, int neurons) {
        SplittableRandom rng = new SplittableRandom(p.seed());
        double[][] x = new double[p.trials()][neurons];
        for (double[] row : x) for (int i = 0; i < neurons; i++) row[i] = p.inputMean() + p.inputSd() * rng.nextGaussian();
        for (double[] row : x) for (int i = 0; i < neurons; i++) row[i] += p.noiseSd() * rng.nextGaussian();
        return x;
    }

    /**
     * The drive [trials, T, N] (flat, C order) that feeds the protocol to a network with zero
     * inputs: weight_i (x_i + eps_i) at every step, plus xi inside the drive window. Added to a_t,
     * it is the input term of a network whose input weights are diag(weights) (docs/science.md
     * section 5.4).
     */
    public static double[] drive(Protocol p, double[][] inputs, double[] weights, double xi) {
        int n = weights.length, steps = p.steps();
        double[] d = new double[p.trials() * steps * n];
        for (int b = 0; b < p.trials(); b++)
            for (int t = 0; t < steps; t++) {
                double step = p.drive().contains(t) ? xi : 0;
                int base = (b * steps + t) * n;
                for (int i = 0; i < n; i++) d[base + i] = weights[i] * inputs[b][i] + step;
            }
        return d;
    }

    /** (r_early - r_late) / (r_early + r_late) of a response, 0 when the sum is below 1e-10 (the reference's rule). */
    public static double adaptationIndex(double[] r, Interval early, Interval late) {
        double e = mean(r, early), l = mean(r, late);
        return e + l < 1e-10 ? 0 : (e - l) / (e + l);
    }

    /** Runs one condition through {@code sim} (one call per amplitude) and fits it. */
    public static Result analyse(Source source, Protocol p, String condition, Simulator sim, Progress progress) {
        List<double[][]> trialMeans = new ArrayList<>();
        for (int k = 0; k < p.xi().size(); k++) {
            progress.update(condition + ": network runs", k, p.xi().size());
            trialMeans.add(trialMean(sim.response(p.xi().get(k)), p));
        }
        progress.update(condition + ": network runs", p.xi().size(), p.xi().size());
        return fit(source, p, condition, trialMeans, progress);
    }

    /**
     * Fits one condition from its responses averaged over trials, one [T][N] per amplitude in the
     * protocol's order.
     */
    public static Result fit(Source source, Protocol p, String condition, List<double[][]> trialMeans, Progress progress) {
        if (trialMeans.size() != p.xi().size()) throw new IllegalArgumentException(trialMeans.size() + " responses for " + p.xi().size() + " amplitudes");
        FractionalDerivative d = new FractionalDerivative(p.steps());
        List<Response> responses = new ArrayList<>();
        for (int k = 0; k < p.xi().size(); k++) responses.add(new Response(condition, p.xi().get(k), neuronMean(trialMeans.get(k))));

        // the mean response: one operator per alpha, shared by every amplitude and both targets
        double[] alphas = p.alphas().values();
        List<Integer> driven = new ArrayList<>();
        for (int k = 0; k < p.xi().size(); k++) if (p.xi().get(k) > 0) driven.add(k);
        Target[] targets = Target.values();
        double[][][] mse = new double[targets.length][driven.size()][alphas.length];
        double[] y = new double[p.steps()];
        for (int a = 0; a < alphas.length; a++) {
            if (a % 50 == 0) progress.update(condition + ": alpha grid", a, alphas.length);
            FractionalDerivative.Operator op = d.at(alphas[a]);
            for (int j = 0; j < driven.size(); j++) {
                Response r = responses.get(driven.get(j));
                referenced(op, r.mean(), p, y);
                for (int g = 0; g < targets.length; g++) mse[g][j][a] = error(y, p, targets[g], r.xi());
            }
        }
        progress.update(condition + ": alpha grid", alphas.length, alphas.length);
        List<Curve> curves = new ArrayList<>();
        List<Fit> summed = new ArrayList<>(), single = new ArrayList<>();
        for (int g = 0; g < targets.length; g++) {
            double[] sum = new double[alphas.length];
            for (int j = 0; j < driven.size(); j++) {
                double xi = p.xi().get(driven.get(j));
                Curve c = new Curve(condition, targets[g], xi, alphas, mse[g][j]);
                curves.add(c);
                int best = argmin(c.mse());
                single.add(new Fit(condition, targets[g], xi, alphas[best], c.mse()[best], false));
                for (int a = 0; a < alphas.length; a++) sum[a] += mse[g][j][a];
            }
            int best = argmin(sum);
            summed.add(new Fit(condition, targets[g], Double.NaN, alphas[best], sum[best], targets[g] == HEADLINE));
        }
        List<Fit> fits = new ArrayList<>(summed);
        fits.addAll(single);

        // per neuron, at the largest amplitude
        double top = p.largestXi();
        double[][] atTop = trialMeans.get(p.xi().indexOf(top));
        int n = atTop.length == 0 ? 0 : atTop[0].length;
        double[][] signals = new double[n][p.steps()];
        for (int t = 0; t < p.steps(); t++) for (int i = 0; i < n; i++) signals[i][t] = atTop[t][i];
        double[] grid = p.neuronAlphas().values();
        double[][] bestMse = new double[targets.length][n];
        int[][] bestAt = new int[targets.length][n];
        for (double[] row : bestMse) Arrays.fill(row, Double.POSITIVE_INFINITY);
        for (int a = 0; a < grid.length; a++) {
            if (a % 10 == 0) progress.update(condition + ": per-neuron alpha grid", a, grid.length);
            FractionalDerivative.Operator op = d.at(grid[a]);
            for (int i = 0; i < n; i++) {
                referenced(op, signals[i], p, y);
                for (int g = 0; g < targets.length; g++) {
                    double e = error(y, p, targets[g], top);
                    if (e < bestMse[g][i]) { bestMse[g][i] = e; bestAt[g][i] = a; }  // strict: the first of equals, as argmin
                }
            }
        }
        progress.update(condition + ": per-neuron alpha grid", grid.length, grid.length);
        List<Neuron> neurons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = Target.CONSISTENT.ordinal(), r = Target.REFERENCE.ordinal();
            double ac = Double.isInfinite(bestMse[c][i]) ? Double.NaN : grid[bestAt[c][i]];
            double ar = Double.isInfinite(bestMse[r][i]) ? Double.NaN : grid[bestAt[r][i]];
            neurons.add(new Neuron(condition, i, ac, ar, adaptationIndex(signals[i], p.early(), p.late())));
        }
        return new Result(source, p, condition, List.copyOf(responses), List.copyOf(curves), List.copyOf(fits), List.copyOf(neurons));
    }

    /** y = D^alpha s - (D^alpha s)[ref] on the MSE window (and at ref), written into y. */
    private static void referenced(FractionalDerivative.Operator op, double[] s, Protocol p, double[] y) {
        op.apply(s, p.mse().from(), p.mse().to(), y);
        double ref = op.at(s, p.referenceStep());
        for (int t = p.mse().from(); t < p.mse().to(); t++) y[t] -= ref;
    }

    private static double error(double[] y, Protocol p, Target target, double xi) {
        double acc = 0;
        for (int t = p.mse().from(); t < p.mse().to(); t++) {
            double e = y[t] - target.value(p, xi, t);
            acc += e * e;
        }
        return acc / p.mse().length();
    }

    /** h [trials][T][N] averaged over trials, [T][N]. */
    static double[][] trialMean(double[][][] h, Protocol p) {
        if (h.length != p.trials()) throw new IllegalArgumentException(h.length + " trials recorded, the protocol has " + p.trials());
        int steps = h[0].length, n = h[0][0].length;
        if (steps != p.steps()) throw new IllegalArgumentException(steps + " steps recorded, the protocol has " + p.steps());
        double[][] m = new double[steps][n];
        for (double[][] trial : h) for (int t = 0; t < steps; t++) for (int i = 0; i < n; i++) m[t][i] += trial[t][i] / h.length;
        return m;
    }

    private static double[] neuronMean(double[][] m) {
        double[] s = new double[m.length];
        for (int t = 0; t < m.length; t++) s[t] = Arrays.stream(m[t]).average().orElse(Double.NaN);
        return s;
    }

    private static double mean(double[] r, Interval w) {
        double acc = 0;
        for (int t = w.from(); t < w.to(); t++) acc += r[t];
        return acc / w.length();
    }

    /** The index of the least value, the first of equals; NaN values never win (index 0 when all are NaN). */
    static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] < v[best] || Double.isNaN(v[best]) && !Double.isNaN(v[i])) best = i;
        return best;
    }

    private static String num(double v) { return Robustness.number(v); }

    // ---- tidy CSVs (docs/science.md section 5.4) ----

    public static final String CURVES_HEADER = "condition,target,xi,alpha,mse";
    public static final String FITS_HEADER = "condition,target,fit,xi,alpha_star,mse,headline";
    public static final String NEURONS_HEADER = "condition,neuron,xi,alpha_consistent,alpha_reference,adaptation_index";
    public static final String RESPONSE_HEADER = "condition,xi,t,h,target_consistent,d_consistent,target_reference,d_reference";

    /** MSE against alpha: one row per condition, target, amplitude and grid point. */
    public static String curvesCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(CURVES_HEADER).append('\n');
        for (Result r : results)
            for (Curve c : r.curves())
                for (int a = 0; a < c.alphas().length; a++)
                    sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.6g,%.8g%n", c.condition(), c.target().id, num(c.xi()), c.alphas()[a], c.mse()[a]));
        return sb.toString();
    }

    /** alpha*: per condition and target, summed over xi &gt; 0 (fit "sum", xi empty) and per amplitude (fit "xi"). */
    public static String fitsCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(FITS_HEADER).append('\n');
        for (Result r : results)
            for (Fit f : r.fits())
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6g,%.8g,%b%n", f.condition(), f.target().id, f.summed() ? "sum" : "xi",
                        f.summed() ? "" : num(f.xi()), f.alpha(), f.mse(), f.headline()));
        return sb.toString();
    }

    /** Per neuron at the largest amplitude: alpha under both targets and the adaptation index. */
    public static String neuronsCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(NEURONS_HEADER).append('\n');
        for (Result r : results)
            for (Neuron n : r.neurons())
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%.6g,%.6g,%.8g%n", n.condition(), n.neuron(), num(r.protocol().largestXi()),
                        n.alphaConsistent(), n.alphaReference(), n.adaptationIndex()));
        return sb.toString();
    }

    /** The mean responses and, for each target, the target and y at that target's alpha*: one row per condition, amplitude and step. */
    public static String responseCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(RESPONSE_HEADER).append('\n');
        for (Result r : results)
            for (Response resp : r.responses()) {
                double[] dc = r.differentiated(Target.CONSISTENT, resp), dr = r.differentiated(Target.REFERENCE, resp);
                for (int t = 0; t < resp.mean().length; t++)
                    sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.8g,%s,%.8g,%s,%.8g%n", r.condition(), num(resp.xi()), t, resp.mean()[t],
                            num(Target.CONSISTENT.value(r.protocol(), resp.xi(), t)), dc[t],
                            num(Target.REFERENCE.value(r.protocol(), resp.xi(), t)), dr[t]));
            }
        return sb.toString();
    }
}
