package org.neuradapt.analysis;

import java.util.SplittableRandom;

/**
 * The QR (Benettin) estimator of Lyapunov exponents (docs/science.md section 5.5), shared by the
 * three variants ({@link ReferenceLyapunov}, {@link TrajectoryLyapunov} with the h-only and the
 * full ARUN state).
 *
 * <p>k orthonormal tangent vectors are pushed through the tangent maps J_0, J_1, ... and
 * re-orthonormalised after every step (reduced QR by modified Gram-Schmidt, done twice so that the
 * columns stay orthonormal to rounding; R's diagonal is the norm left after the projections, so
 * diag(R) &gt; 0 by construction and no sign fixing is needed afterwards). The exponents are the
 * means of log R_ii over the steps kept after a transient. The maps are applied to vectors only
 * (Jacobian-vector products), so a large Jacobian is never formed.
 *
 * <p>A direction the map annihilates exactly (R_ii = 0, e.g. a ReLU network with fewer than k
 * active neurons at some step) contributes log 0 = -infinity, which is the correct finite-time
 * exponent; the column is replaced by a random unit vector orthogonal to the others so that the
 * remaining ones stay defined.
 */
public final class Lyapunov {
    private Lyapunov() {}

    /** The tangent maps of a trajectory, applied in order t = 0, 1, 2, ... (a map may advance its own state as it goes). */
    public interface TangentMaps {
        /** Dimension d of the tangent space. */
        int dimension();

        /** Replaces each {@code vectors[j]} (length {@link #dimension()}) by J_t vectors[j]. */
        void apply(int t, double[][] vectors);
    }

    /** The logarithm the exponents are reported in: nats (natural log, the default) or bits (log2, the reference's). */
    public enum Unit {
        NATS("nats", 1.0), BITS("bits", 1.0 / Math.log(2));

        public final String id;
        /** Multiplies an exponent in nats per step to this unit. */
        public final double factor;

        Unit(String id, double factor) {
            this.id = id;
            this.factor = factor;
        }
    }

    /**
     * The estimate.
     *
     * @param exponents the k exponents in nats per step, in the order of the QR columns (largest first in the limit)
     * @param running   running[s][i]: the finite-time estimate of exponent i after s + 1 kept steps
     * @param transientSteps the steps applied before accumulation started
     * @param steps     the steps accumulated
     */
    public record Spectrum(double[] exponents, double[][] running, int transientSteps, int steps) {
        public double maximal() { return exponents[0]; }

        public double sum() {
            double s = 0;
            for (double e : exponents) s += e;
            return s;
        }
    }

    /**
     * Runs k tangent vectors through {@code transientSteps + steps} maps.
     *
     * @param seed draws the random orthonormal start Q_0
     */
    public static Spectrum estimate(TangentMaps maps, int k, int transientSteps, int steps, long seed) {
        int d = maps.dimension();
        if (k < 1 || k > d) throw new IllegalArgumentException("k must be in [1, " + d + "], got " + k);
        if (transientSteps < 0 || steps < 1) throw new IllegalArgumentException("transientSteps >= 0 and steps >= 1 needed, got " + transientSteps + " and " + steps);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] q = new double[k][d];
        for (double[] v : q) for (int i = 0; i < d; i++) v[i] = rng.nextGaussian();
        orthonormalise(q, rng);
        double[] sum = new double[k];
        double[][] running = new double[steps][k];
        for (int t = 0; t < transientSteps + steps; t++) {
            maps.apply(t, q);
            double[] r = orthonormalise(q, rng);
            if (t < transientSteps) continue;
            int s = t - transientSteps;
            for (int i = 0; i < k; i++) {
                sum[i] += Math.log(r[i]);
                running[s][i] = sum[i] / (s + 1);
            }
        }
        return new Spectrum(running[steps - 1].clone(), running, transientSteps, steps);
    }

    /**
     * Reduced QR of the vectors (the columns) in place by modified Gram-Schmidt with one
     * re-orthogonalisation pass; returns diag(R), each &gt;= 0. A column with nothing left
     * (R_ii = 0 or not finite) gets R_ii = 0 and is replaced by a random unit vector orthogonal to
     * the earlier ones.
     */
    static double[] orthonormalise(double[][] v, SplittableRandom rng) {
        int k = v.length;
        double[] r = new double[k];
        for (int i = 0; i < k; i++) {
            double[] x = v[i];
            double before = norm(x);
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j < i; j++) axpy(-dot(v[j], x), v[j], x);
            double len = norm(x);
            // a column that was (numerically) in the span of the earlier ones: that direction is annihilated
            if (!(len > 1e-300) || !Double.isFinite(before) || len <= 1e-14 * before) {
                r[i] = Double.isFinite(before) ? 0 : Double.NaN;
                replaceByRandom(v, i, rng);
                continue;
            }
            r[i] = len;
            for (int a = 0; a < x.length; a++) x[a] /= len;
        }
        return r;
    }

    private static void replaceByRandom(double[][] v, int i, SplittableRandom rng) {
        double[] x = v[i];
        for (int attempt = 0; attempt < 10; attempt++) {
            for (int a = 0; a < x.length; a++) x[a] = rng.nextGaussian();
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j < i; j++) axpy(-dot(v[j], x), v[j], x);
            double len = norm(x);
            if (len > 1e-8) {
                for (int a = 0; a < x.length; a++) x[a] /= len;
                return;
            }
        }
        throw new IllegalStateException("cannot complete an orthonormal basis");
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }
}
