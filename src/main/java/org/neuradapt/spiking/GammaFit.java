package org.neuradapt.spiking;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.neuradapt.analysis.LeastSquares;
import org.neuradapt.neuron.Gamma;

/**
 * The gamma family fitted to an f-I curve (docs/science.md section 8.4):
 *
 * <pre>
 *   f(I) ~ A gamma(I / I_u - I0; n, s)
 * </pre>
 *
 * with I_u the current unit: the curve's rheobase, so that x = I / I_rh is dimensionless and of
 * order 1 like a network's pre-activation, and (n, s) can be set beside the networks' learned
 * values (s depends on the unit of x: in native units the same curve has other s). I0 is in the
 * same unit, A in Hz. Levenberg-Marquardt ({@link LeastSquares}) with gamma's analytic partials
 * ({@link Gamma}), n kept in [1e-3, {@link #MAX_GAIN}] and s in [0, 1], started from the best point of a grid over
 * (n, s, I0) on which A, linear, is solved exactly.
 */
public final class GammaFit {
    private GammaFit() {}

    /** The least gain the fit may reach (gamma is undefined at n = 0). */
    public static final double MIN_GAIN = 1e-3;

    /**
     * The largest gain the fit may reach: a transition 1/100 of a rheobase wide. A curve that is 0
     * up to a sharp onset pulls n to infinity (gamma tends to A max(0, x - I0) plus a step), and
     * n is then no longer determined by a sweep whose points are 1/13 of a rheobase apart; such a
     * fit ends at this bound, which the tables flag as a lower bound (n_se empty).
     */
    public static final double MAX_GAIN = 100;

    /** The model A gamma(x - I0; n, s) with p = (n, s, A, I0). */
    public static final LeastSquares.Model MODEL = new LeastSquares.Model() {
        @Override public double value(double x, double[] p) { return p[2] * Gamma.value(x - p[3], p[0], p[1]); }

        @Override public void gradient(double x, double[] p, double[] g) {
            double z = x - p[3];
            g[0] = p[2] * Gamma.dn(z, p[0], p[1]);
            g[1] = p[2] * Gamma.ds(z, p[0], p[1]);
            g[2] = Gamma.value(z, p[0], p[1]);
            g[3] = -p[2] * Gamma.dx(z, p[0], p[1]);
        }
    };

    private static final ParameterValidator DOMAIN = v -> {
        double[] p = v.toArray();
        p[0] = Math.min(MAX_GAIN, Math.max(MIN_GAIN, p[0]));
        p[1] = Math.min(1, Math.max(0, p[1]));
        return new ArrayRealVector(p, false);
    };

    /**
     * One fitted curve.
     *
     * @param unit     I_u in the model's native unit (its rheobase)
     * @param unitName what I_u is ("rheobase")
     */
    public record Result(SpikingModel model, double unit, String unitName, LeastSquares.Fit fit) {
        public double n() { return fit.params()[0]; }

        /** Whether n ended at {@link #MAX_GAIN}: the onset is sharper than the sweep resolves, n is a lower bound. */
        public boolean atGainBound() { return n() >= MAX_GAIN * (1 - 1e-3); }

        /** The standard errors, n's NaN at the bound (J^T J there describes a boundary, not a minimum). */
        public double[] se() {
            double[] se = fit.se();
            if (atGainBound()) se[0] = Double.NaN;
            return se;
        }

        public double s() { return fit.params()[1]; }

        public double amplitude() { return fit.params()[2]; }

        public double i0() { return fit.params()[3]; }

        /** The fitted rate at the native current I, Hz. */
        public double rate(double current) { return MODEL.value(current / unit, fit.params()); }
    }

    /** Fits the steady-state rates of a curve, with its rheobase as the current unit. */
    public static Result fit(FiCurve.Result curve) {
        double unit = curve.rheobase() > 0 ? curve.rheobase() : 1;
        double[] x = curve.currents();
        for (int i = 0; i < x.length; i++) x[i] /= unit;
        return new Result(curve.model(), unit, curve.rheobase() > 0 ? "rheobase" : curve.model().currentUnit(), fit(x, curve.steadyRates()));
    }

    /** Fits A gamma(x - I0; n, s) to (x, y). */
    public static LeastSquares.Fit fit(double[] x, double[] y) {
        if (x.length < 5) throw new IllegalArgumentException("a four-parameter fit needs at least 5 points, got " + x.length);
        return LeastSquares.fit(MODEL, x, y, start(x, y), DOMAIN);
    }

    /** The (n, s, A, I0) of least RSS on a grid over n (log-spaced 0.1 .. MAX_GAIN), s and I0 (over the range of x), A exact at each. */
    static double[] start(double[] x, double[] y) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double best = Double.POSITIVE_INFINITY;
        double[] out = {1, 0, 1, lo};
        double[] g = new double[x.length];
        for (int a = 0; a <= 40; a++) {
            double n = Math.min(MAX_GAIN, 0.1 * Math.pow(10, 4.0 * a / 40));
            for (int b = 0; b <= 10; b++) {
                double s = b / 10.0;
                for (int c = 0; c <= 40; c++) {
                    double i0 = lo + (hi - lo) * c / 40;
                    double gg = 0, gy = 0;
                    for (int i = 0; i < x.length; i++) {
                        g[i] = Gamma.value(x[i] - i0, n, s);
                        gg += g[i] * g[i];
                        gy += g[i] * y[i];
                    }
                    if (!(gg > 0)) continue;
                    double amp = gy / gg, rss = 0;
                    for (int i = 0; i < x.length; i++) rss += (y[i] - amp * g[i]) * (y[i] - amp * g[i]);
                    if (rss < best) {
                        best = rss;
                        out = new double[] {n, s, amp, i0};
                    }
                }
            }
        }
        return out;
    }

    public static final String HEADER = "model,preset,n,n_se,s,s_se,A,A_se,I0,I0_se,r2,current_unit";

    /** One row per model (the contract other tools read; I0 in current_unit, A in Hz). */
    public static String csv(List<Result> results) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Result r : results) {
            double[] p = r.fit().params(), se = r.se();
            sb.append(String.format(Locale.ROOT, "%s,%s,%.6g,%.4g,%.6g,%.4g,%.6g,%.4g,%.6g,%.4g,%.6f,%s%n", r.model().id(), r.model().preset(), p[0], se[0],
                    p[1], se[1], p[2], se[2], p[3], se[3], r.fit().r2(), r.unitName()));
        }
        return sb.toString();
    }
}
