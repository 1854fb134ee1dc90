package org.neuradapt.analysis;

import java.util.SplittableRandom;

/**
 * J = diag(slope) W^T, the Jacobian dh_t/dh_{t-1} of an Elman step in column convention
 * (docs/science.md sections 5.5 and 5.6). This project's row-vector convention
 * a_t = x_t U + h_{t-1} W + b gives da_t = W^T dh_{t-1} for a column dh, so
 * (J v)_i = slope_i sum_j W[j][i] v_j. Applied to vectors; never formed.
 *
 * @param slope phi'(a_t) per neuron [N]
 * @param w     W [N][N] as stored (row-vector convention)
 */
public record SlopeJacobian(double[] slope, double[][] w) {

    /** J v. */
    public double[] apply(double[] v) {
        int n = slope.length;
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double vj = v[j];
            if (vj == 0) continue;
            double[] row = w[j];
            for (int i = 0; i < n; i++) out[i] += row[i] * vj;
        }
        for (int i = 0; i < n; i++) out[i] *= slope[i];
        return out;
    }

    /** The tangent maps J_t = diag(slopes[t]) W^T of a recorded trajectory. */
    public static Lyapunov.TangentMaps along(double[][] slopes, double[][] w) {
        return new Lyapunov.TangentMaps() {
            @Override public int dimension() { return w.length; }

            @Override
            public void apply(int t, double[][] vectors) {
                SlopeJacobian j = new SlopeJacobian(slopes[t], w);
                for (int v = 0; v < vectors.length; v++) vectors[v] = j.apply(vectors[v]);
            }
        };
    }

    /** J^T u = W diag(slope) u. */
    public double[] applyTransposed(double[] u) {
        int n = slope.length;
        double[] su = new double[n];
        for (int i = 0; i < n; i++) su[i] = slope[i] * u[i];
        double[] out = new double[n];
        for (int j = 0; j < n; j++) out[j] = Lyapunov.dot(w[j], su);
        return out;
    }

    /**
     * The spectral norm ||J||_2 by power iteration on J^T J from {@code start} (a unit vector, updated in place to the
     * top right singular vector so that the next step of a trajectory starts close; pass null for a random start).
     * Stops when the estimate changes by less than {@code tol} relative, or after {@code maxIterations}.
     */
    public double spectralNorm(double[] start, double tol, int maxIterations) {
        int n = slope.length;
        double[] v = start != null ? start : randomUnit(n, new SplittableRandom(n));
        double sigma = 0;
        for (int it = 0; it < maxIterations; it++) {
            double[] jv = apply(v);
            double next = Lyapunov.norm(jv);
            if (next == 0) return 0;
            double[] u = applyTransposed(jv);
            double len = Lyapunov.norm(u);
            for (int i = 0; i < n; i++) v[i] = u[i] / len;
            if (Math.abs(next - sigma) <= tol * next) return Math.max(next, Math.sqrt(len));
            sigma = next;
        }
        return sigma;
    }

    static double[] randomUnit(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        double len = Lyapunov.norm(v);
        for (int i = 0; i < n; i++) v[i] /= len;
        return v;
    }
}
