package org.neuradapt.analysis;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * A curve y = f(x; p) fitted by Commons Math's Levenberg-Marquardt with the analytic Jacobian
 * (docs/science.md sections 5.3 and 8.4), with {@code curve_fit}'s standard errors: the square
 * roots of the diagonal of (J^T J)^-1 scaled by RSS / (points - parameters), NaN with no degree of
 * freedom left or a singular J^T J; and R^2 = 1 - RSS / TSS (NaN when y is constant). A fit that
 * does not converge keeps its start, which callers choose well (a grid on which the linear
 * parameters are solved exactly).
 */
public final class LeastSquares {
    private LeastSquares() {}

    /** The model: its value and its gradient in the parameters at x. */
    public interface Model {
        double value(double x, double[] p);

        /** d f / d p_k at x, written into g. */
        void gradient(double x, double[] p, double[] g);
    }

    /** A fitted parameter vector with its standard errors and goodness of fit. */
    public record Fit(double[] params, double[] se, double r2, double rss, int points, int iterations) {
        public Fit {
            params = params.clone();
            se = se.clone();
        }
    }

    /** Fits {@code model} to (x, y) from {@code start}; {@code validator} (or null) keeps parameters in their domain. */
    public static Fit fit(Model model, double[] x, double[] y, double[] start, ParameterValidator validator) {
        int n = x.length, k = start.length;
        LeastSquaresOptimizer.Optimum opt;
        try {
            LeastSquaresBuilder b = new LeastSquaresBuilder().start(start).target(y).model(point -> evaluate(model, x, point.toArray()))
                    .maxEvaluations(100_000).maxIterations(10_000);
            if (validator != null) b.parameterValidator(validator);
            opt = new LevenbergMarquardtOptimizer().optimize(b.build());
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            opt = null;  // no convergence: keep the start
        }
        double[] p = opt != null ? opt.getPoint().toArray() : start.clone();
        double rss = 0, mean = 0, tss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - model.value(x[i], p);
            rss += r * r;
            mean += y[i] / n;
        }
        for (double v : y) tss += (v - mean) * (v - mean);
        double[] se = new double[k];
        java.util.Arrays.fill(se, Double.NaN);
        if (n > k) {
            try {
                RealMatrix jac = evaluate(model, x, p).getSecond();
                RealMatrix cov = new QRDecomposition(jac.transpose().multiply(jac), 1e-14).getSolver().getInverse();
                double s2 = rss / (n - k);
                for (int j = 0; j < k; j++) se[j] = Math.sqrt(cov.getEntry(j, j) * s2);
            } catch (SingularMatrixException e) {
                // a parameter the data do not determine: no standard errors
            }
        }
        return new Fit(p, se, tss > 0 ? 1 - rss / tss : Double.NaN, rss, n, opt != null ? opt.getIterations() : 0);
    }

    private static Pair<RealVector, RealMatrix> evaluate(Model model, double[] x, double[] p) {
        double[] v = new double[x.length];
        double[][] j = new double[x.length][p.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = model.value(x[i], p);
            model.gradient(x[i], p, j[i]);
        }
        return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
    }
}
