package org.neuradapt.analysis;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Statistics over seeds (docs/science.md section 4.6, "Statistics over seeds"): each seed is one
 * independently trained network, so a model's accuracy at one amplitude is a sample of n numbers
 * and two models are two independent samples. The confidence interval of a mean is Student's t
 * interval; two models are compared by Welch's unequal-variance t-test, its interval for the
 * difference of means on the Welch-Satterthwaite degrees of freedom. Both assume the seeds'
 * accuracies are roughly normal; with 5 seeds that cannot be checked, which the docs say.
 *
 * <p>Pure functions; the t distribution is Commons Math's.
 */
public final class SeedStatistics {
    private SeedStatistics() {}

    /** The confidence level of every interval here. */
    public static final double LEVEL = 0.95;

    /** A sample's mean, sample standard deviation (n - 1) and its 95% t interval (NaN bounds for n &lt; 2). */
    public record MeanInterval(int n, double mean, double sd, double low, double high) {}

    /**
     * Welch's test of mean(a) - mean(b).
     *
     * @param difference mean(a) - mean(b)
     * @param low        the 95% interval's lower bound, difference - t* se
     * @param t          difference / se, se = sqrt(sd_a^2 / n_a + sd_b^2 / n_b)
     * @param df         the Welch-Satterthwaite degrees of freedom
     * @param p          the two-sided p-value; NaN when a sample has fewer than 2 values or se = 0
     */
    public record Welch(int na, int nb, double difference, double low, double high, double t, double df, double p) {}

    public static MeanInterval mean(double[] v) {
        int n = v.length;
        double m = 0;
        for (double x : v) m += x / n;
        if (n < 2) return new MeanInterval(n, m, Double.NaN, Double.NaN, Double.NaN);
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        double sd = Math.sqrt(ss / (n - 1));
        double half = quantile(n - 1) * sd / Math.sqrt(n);
        return new MeanInterval(n, m, sd, m - half, m + half);
    }

    public static Welch welch(double[] a, double[] b) {
        MeanInterval x = mean(a), y = mean(b);
        double diff = x.mean() - y.mean();
        if (a.length < 2 || b.length < 2) return new Welch(a.length, b.length, diff, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double va = x.sd() * x.sd() / a.length, vb = y.sd() * y.sd() / b.length, se = Math.sqrt(va + vb);
        if (!(se > 0)) return new Welch(a.length, b.length, diff, diff, diff, Double.NaN, Double.NaN, Double.NaN);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = diff / se, half = quantile(df) * se;
        double p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        return new Welch(a.length, b.length, diff, diff - half, diff + half, t, df, p);
    }

    /** t*, the two-sided {@link #LEVEL} quantile of Student's t with df degrees of freedom. */
    static double quantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + LEVEL / 2);
    }
}
