package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The psychometric curve of a network on a cognitive task (docs/tasks.md, "Psychometric curve"):
 * accuracy at each level of the task's difficulty axis (the coherence of a perceptual decision),
 * with the Wilson score 95% interval of a binomial proportion,
 * p~ +- z sqrt(p (1 - p) / n + z^2 / (4 n^2)) / (1 + z^2 / n), p~ = (p + z^2 / (2 n)) / (1 + z^2 / n),
 * z = 1.96: unlike the normal interval it stays in [0, 1] and is not empty at p = 0 or 1.
 *
 * @param condition the axis' name, e.g. "coherence"
 */
public record Psychometric(Source source, String task, String condition, List<Level> levels) {
    public Psychometric { levels = List.copyOf(levels); }

    /**
     * Quick's Weibull psychometric function for a two-choice task, fitted by maximum likelihood
     * (binomial counts; Nelder-Mead on log alpha and log beta, so both stay positive):
     * p(x) = 1 - (1 - chance) exp(-(x / alpha)^beta). alpha is the threshold, the x at which
     * p = 1 - (1 - chance)/e (0.816 for two choices); beta the steepness.
     *
     * @param logLikelihood at the fit
     */
    public record Fit(double alpha, double beta, double chance, double logLikelihood) {
        public double at(double x) { return x <= 0 ? chance : 1 - (1 - chance) * Math.exp(-Math.pow(x / alpha, beta)); }
    }

    /** The Weibull fit of the levels at the given chance level (1 / classes). */
    public Fit fit(double chance) {
        double xmax = levels.stream().mapToDouble(Level::condition).max().orElse(1);
        if (!(xmax > 0)) throw new IllegalArgumentException("a psychometric fit needs conditions above 0");
        org.apache.commons.math3.analysis.MultivariateFunction nll = v -> {
            Fit f = new Fit(Math.exp(v[0]), Math.exp(v[1]), chance, 0);
            double ll = 0;
            for (Level l : levels) {
                double p = Math.min(1 - 1e-12, Math.max(1e-12, f.at(l.condition())));
                ll += l.correct() * Math.log(p) + (l.trials() - l.correct()) * Math.log(1 - p);
            }
            return -ll;
        };
        var opt = new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer(1e-12, 1e-14);
        var best = opt.optimize(new org.apache.commons.math3.optim.MaxEval(20_000), new org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction(nll),
                org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE,
                new org.apache.commons.math3.optim.InitialGuess(new double[] {Math.log(xmax / 3), Math.log(1.5)}),
                new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex(new double[] {0.5, 0.5}));
        double[] v = best.getPoint();
        return new Fit(Math.exp(v[0]), Math.exp(v[1]), chance, -best.getValue());
    }

    /** One level: its trials, how many the network got right, and the accuracy with its Wilson 95% interval. */
    public record Level(double condition, int trials, int correct, double accuracy, double ciLow, double ciHigh) {}

    static final double Z = 1.959963984540054;

    /** The curve from each trial's condition and whether the network's decision was right. */
    public static Psychometric of(Source source, String task, String condition, double[] conditions, boolean[] correct) {
        if (conditions.length != correct.length) throw new IllegalArgumentException(conditions.length + " conditions for " + correct.length + " trials");
        TreeMap<Double, int[]> counts = new TreeMap<>();
        for (int i = 0; i < conditions.length; i++) {
            int[] c = counts.computeIfAbsent(conditions[i], k -> new int[2]);
            c[0]++;
            if (correct[i]) c[1]++;
        }
        List<Level> levels = new ArrayList<>();
        counts.forEach((x, c) -> {
            double[] ci = wilson(c[1], c[0]);
            levels.add(new Level(x, c[0], c[1], (double) c[1] / c[0], ci[0], ci[1]));
        });
        return new Psychometric(source, task, condition, levels);
    }

    /** The Wilson score 95% interval of k successes in n trials. */
    public static double[] wilson(int k, int n) {
        double p = (double) k / n, z2 = Z * Z, denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom, half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    public static final String HEADER = "task,condition_name,condition,trials,correct,accuracy,ci95_low,ci95_high";

    public static String csv(Psychometric p) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Level l : p.levels())
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.6f,%.6f,%.6f%n", p.task(), p.condition(), Robustness.number(l.condition()), l.trials(), l.correct(),
                    l.accuracy(), l.ciLow(), l.ciHigh()));
        return b.toString();
    }
}
