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
 * The fractional-order protocol (docs/science.md section 5.4): which order alpha turns the trial-
 * and neuron-averaged response h_t to a step drive back into the step?
 *
 * <p>For each amplitude xi &gt; 0 and each alpha of a grid, y = D^alpha s - (D^alpha s)[ref] (s the
 * response averaged over trials and neurons, {@link FractionalDerivative}) is compared by mean
 * squared error over an MSE window with a step target. alpha* minimises the MSE summed over the
 * amplitudes; per amplitude and per neuron (at the largest amplitude) the same fit gives alpha per
 * xi and the distribution of alpha over neurons. The adaptation index of each neuron is
 * (r_early - r_late) / (r_early + r_late) of its trial-mean response at the largest xi.
 *
 * <p>Three targets, all always fitted ({@link Target}). The headline ({@link #HEADLINE}) is
 * {@link Target#SHAPE}: y is first multiplied by its least-squares gain against a unit step, so
 * the fit compares the response's shape with the step and not its size. With a fixed target a
 * response with no dynamics at all, a step c times the drive, has alpha* &gt; 0 growing with c
 * (section 5.4 derives it); with the gain free it has alpha* = 0 whatever c. The two fixed-height
 * targets are the authors' scripts' numbers, kept as named columns.
 *
 * <p>Pure: the network runs are behind {@link Simulator}; no I/O. The same {@link #fit} serves
 * the networks, recorded responses given as a CSV and the spiking neurons of section 8.6.
 */
public final class FractionalOrder {
    private FractionalOrder() {}

    /** The step target y is compared with. */
    public enum Target {
        /**
         * The headline: a unit step inside the target window, 0 elsewhere, compared with g y, g &gt;= 0
         * the least-squares gain of y against it (docs/science.md section 5.4). Scaling the response
         * changes g, not the MSE; every amplitude weighs the same in the sum.
         */
        SHAPE("shape"),
        /** xi inside the target window, 0 elsewhere, y as it is (the fig3/fig4 scripts' target; this project's headline until the shape fit). */
        FIXED_STEP("fixed_step"),
        /** baseline + xi inside the target window, the baseline elsewhere, y as it is (appendix_fracdiff.py's target). */
        REFERENCE("reference");

        public final String id;

        Target(String id) { this.id = id; }

        /** The target's value at step t for amplitude xi. */
        public double value(Protocol p, double xi, int t) {
            boolean in = p.target().contains(t);
            return switch (this) {
                case SHAPE -> in ? 1 : 0;
                case FIXED_STEP -> in ? xi : 0;
                case REFERENCE -> p.baseline() + (in ? xi : 0);
            };
        }

        /** Whether y is rescaled by its least-squares gain before the MSE. */
        public boolean gainFree() { return this == SHAPE; }
    }

    /** The target whose alpha* is the headline number (see the class comment). */
    public static final Target HEADLINE = Target.SHAPE;

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
        /** The grid point of least MSE (the first of equals); NaN when the curve is flat (a response that does not move) or all NaN. */
        public double best() {
            int b = bestIndex(mse);
            return b < 0 ? Double.NaN : alphas[b];
        }
    }

    /**
     * One fitted alpha*: of the MSE summed over xi &gt; 0 ({@code xi} NaN) or of one amplitude.
     *
     * @param size     for a {@link Target#SHAPE} fit of one amplitude, the height of the step that
     *                 best fits D^alpha h (at this alpha) in units of xi: 1 when the response has the
     *                 drive's size (docs/science.md section 5.4); NaN otherwise
     * @param headline whether this is the headline number: the summed fit on the {@link #HEADLINE} target
     */
    public record Fit(String condition, Target target, double xi, double alpha, double mse, double size, boolean headline) {
        public boolean summed() { return Double.isNaN(xi); }
    }

    /** One neuron at the largest xi: its alpha under each target ({@link Target} order; NaN for a neuron whose response does not move) and its adaptation index. */
    public record Neuron(String condition, int neuron, double[] alphas, double adaptationIndex) {
        public Neuron {
            alphas = alphas.clone();
        }

        public double alpha(Target t) { return alphas[t.ordinal()]; }
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

        /**
         * y = D^alpha s - (D^alpha s)[ref] of the response to xi at every step, with alpha =
         * alpha*(target), times its least-squares gain for {@link Target#SHAPE}: what was compared
         * with {@code target.value}. Zeros when alpha* is NaN.
         */
        public double[] differentiated(Target target, Response r) {
            double star = alphaStar(target);
            if (Double.isNaN(star)) return new double[protocol.steps()];
            double[] y = new FractionalDerivative(protocol.steps()).apply(star, r.mean());
            double ref = y[protocol.referenceStep()];
            for (int t = 0; t < y.length; t++) y[t] -= ref;
            double g = gain(y, protocol, target, r.xi());
            for (int t = 0; t < y.length; t++) y[t] *= g;
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
                int best = bestIndex(c.mse());
                double size = Double.NaN;
                if (best >= 0 && targets[g].gainFree()) {
                    referenced(d.at(alphas[best]), responses.get(driven.get(j)).mean(), p, y);
                    size = 1 / gain(y, p, targets[g], xi) / xi;
                }
                single.add(best < 0 ? new Fit(condition, targets[g], xi, Double.NaN, Double.NaN, Double.NaN, false)
                        : new Fit(condition, targets[g], xi, alphas[best], c.mse()[best], size, false));
                for (int a = 0; a < alphas.length; a++) sum[a] += mse[g][j][a];
            }
            int best = bestIndex(sum);
            summed.add(new Fit(condition, targets[g], Double.NaN, best < 0 ? Double.NaN : alphas[best], best < 0 ? Double.NaN : sum[best], Double.NaN,
                    targets[g] == HEADLINE));
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
        double[][][] neuronMse = new double[targets.length][n][grid.length];
        for (int a = 0; a < grid.length; a++) {
            if (a % 10 == 0) progress.update(condition + ": per-neuron alpha grid", a, grid.length);
            FractionalDerivative.Operator op = d.at(grid[a]);
            for (int i = 0; i < n; i++) {
                referenced(op, signals[i], p, y);
                for (int g = 0; g < targets.length; g++) neuronMse[g][i][a] = error(y, p, targets[g], top);
            }
        }
        progress.update(condition + ": per-neuron alpha grid", grid.length, grid.length);
        List<Neuron> neurons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] alpha = new double[targets.length];
            for (int g = 0; g < targets.length; g++) {
                int best = bestIndex(neuronMse[g][i]);
                alpha[g] = best < 0 ? Double.NaN : grid[best];
            }
            neurons.add(new Neuron(condition, i, alpha, adaptationIndex(signals[i], p.early(), p.late())));
        }
        return new Result(source, p, condition, List.copyOf(responses), List.copyOf(curves), List.copyOf(fits), List.copyOf(neurons));
    }

    /** y = D^alpha s - (D^alpha s)[ref] on the MSE window (and at ref), written into y. */
    private static void referenced(FractionalDerivative.Operator op, double[] s, Protocol p, double[] y) {
        op.apply(s, p.mse().from(), p.mse().to(), y);
        double ref = op.at(s, p.referenceStep());
        for (int t = p.mse().from(); t < p.mse().to(); t++) y[t] -= ref;
    }

    /**
     * The MSE of y against the target over the MSE window. For {@link Target#SHAPE}, of g y with
     * g &gt;= 0 the least-squares gain: min_g |g y - u|^2 = |u|^2 - (y.u)^2 / |y|^2 for y.u &gt; 0,
     * else |u|^2 at g = 0 (docs/science.md section 5.4).
     */
    static double error(double[] y, Protocol p, Target target, double xi) {
        if (target.gainFree()) {
            double[] d = dots(y, p, target, xi);
            double yy = d[0], yu = d[1], uu = d[2];
            return (yy > 0 && yu > 0 ? Math.max(0, uu - yu * (yu / yy)) : uu) / p.mse().length();
        }
        double acc = 0;
        for (int t = p.mse().from(); t < p.mse().to(); t++) {
            double e = y[t] - target.value(p, xi, t);
            acc += e * e;
        }
        return acc / p.mse().length();
    }

    /** The factor y is multiplied by before the MSE: y.u / |y|^2 (0 when y.u &lt;= 0) for {@link Target#SHAPE}, 1 for the fixed targets. */
    static double gain(double[] y, Protocol p, Target target, double xi) {
        if (!target.gainFree()) return 1;
        double[] d = dots(y, p, target, xi);
        return d[0] > 0 && d[1] > 0 ? d[1] / d[0] : 0;
    }

    /** y.y, y.u and u.u over the MSE window, u the target. */
    private static double[] dots(double[] y, Protocol p, Target target, double xi) {
        double yy = 0, yu = 0, uu = 0;
        for (int t = p.mse().from(); t < p.mse().to(); t++) {
            double u = target.value(p, xi, t);
            yy += y[t] * y[t];
            yu += y[t] * u;
            uu += u * u;
        }
        return new double[] {yy, yu, uu};
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

    /**
     * {@link #argmin} of an MSE curve, or -1 when it has no minimum to speak of: every value NaN,
     * or a curve flat to rounding (a response that does not move gives the same MSE at every
     * alpha, and its "alpha*" would be the grid's first point).
     */
    static int bestIndex(double[] mse) {
        int best = argmin(mse);
        if (Double.isNaN(mse[best])) return -1;
        double hi = mse[best];
        for (double v : mse) if (v > hi) hi = v;
        return hi - mse[best] <= 1e-12 * Math.max(hi, Double.MIN_NORMAL) ? (mse.length == 1 ? best : -1) : best;
    }

    private static String num(double v) { return Robustness.number(v); }

    // ---- tidy CSVs (docs/science.md section 5.4) ----

    public static final String CURVES_HEADER = "condition,target,xi,alpha,mse";
    public static final String FITS_HEADER = "condition,target,fit,xi,alpha_star,mse,size,headline";
    public static final String NEURONS_HEADER = "condition,neuron,xi,alpha_shape,alpha_fixed_step,alpha_reference,adaptation_index";
    public static final String RESPONSE_HEADER = "condition,xi,t,h,target_shape,d_shape,target_fixed_step,d_fixed_step,target_reference,d_reference";

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
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%b%n", f.condition(), f.target().id, f.summed() ? "sum" : "xi",
                        f.summed() ? "" : num(f.xi()), g6(f.alpha()), g8(f.mse()), g6(f.size()), f.headline()));
        return sb.toString();
    }

    /** Per neuron at the largest amplitude: alpha under each target (empty where the neuron's response does not move) and the adaptation index. */
    public static String neuronsCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(NEURONS_HEADER).append('\n');
        for (Result r : results)
            for (Neuron n : r.neurons())
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%.8g%n", n.condition(), n.neuron(), num(r.protocol().largestXi()),
                        g6(n.alpha(Target.SHAPE)), g6(n.alpha(Target.FIXED_STEP)), g6(n.alpha(Target.REFERENCE)), n.adaptationIndex()));
        return sb.toString();
    }

    /** A number in %.6g, empty for NaN (a missing value in a tidy CSV). */
    private static String g6(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v); }

    private static String g8(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.8g", v); }

    /**
     * The mean responses and, for each target, the target and y at that target's alpha* (for the
     * shape target g y, rescaled by its least-squares gain): one row per condition, amplitude and step.
     */
    public static String responseCsv(List<Result> results) {
        StringBuilder sb = new StringBuilder(RESPONSE_HEADER).append('\n');
        Target[] targets = Target.values();
        for (Result r : results)
            for (Response resp : r.responses()) {
                double[][] d = new double[targets.length][];
                for (Target g : targets) d[g.ordinal()] = r.differentiated(g, resp);
                for (int t = 0; t < resp.mean().length; t++) {
                    sb.append(r.condition()).append(',').append(num(resp.xi())).append(',').append(t).append(',')
                            .append(String.format(Locale.ROOT, "%.8g", resp.mean()[t]));
                    for (Target g : targets)
                        sb.append(',').append(num(g.value(r.protocol(), resp.xi(), t))).append(',').append(String.format(Locale.ROOT, "%.8g", d[g.ordinal()][t]));
                    sb.append('\n');
                }
            }
        return sb.toString();
    }
}
