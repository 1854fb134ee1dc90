package org.neuradapt.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Principal component analysis of rows of data: the eigenvectors of the sample covariance
 * (Commons Math), by decreasing variance. Each component's sign is fixed so that its entry of
 * largest magnitude is positive, so a result does not flip between runs. The explained-variance
 * fractions are each component's variance over the total variance (the trace), as scikit-learn's
 * {@code explained_variance_ratio_}.
 *
 * @param mean       the mean row [D]
 * @param components the first k principal axes [k][D], unit length
 * @param variances  the variance along each of the k axes (the covariance's eigenvalues)
 * @param total      the total variance, the covariance's trace
 */
public record Pca(double[] mean, double[][] components, double[] variances, double total) {
    public Pca {
        mean = mean.clone();
        components = Arrays.stream(components).map(double[]::clone).toArray(double[][]::new);
        variances = variances.clone();
    }

    /** The first {@code k} components of {@code rows} ([R][D], R &gt;= 2). */
    public static Pca fit(double[][] rows, int k) {
        if (rows.length < 2) throw new IllegalArgumentException("PCA needs at least 2 rows, got " + rows.length);
        int d = rows[0].length;
        for (double[] r : rows) if (r.length != d) throw new IllegalArgumentException("PCA rows must all hold " + d + " values");
        if (k < 1 || k > d) throw new IllegalArgumentException("PCA of " + d + " columns cannot keep " + k + " components");
        double[] mean = new double[d];
        for (double[] r : rows) for (int j = 0; j < d; j++) mean[j] += r[j] / rows.length;
        RealMatrix cov = new Covariance(rows, true).getCovarianceMatrix();
        EigenDecomposition e = new EigenDecomposition(cov);
        double[] values = e.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble(i -> -values[i])).toArray(Integer[]::new);
        double[][] comps = new double[k][];
        double[] vars = new double[k];
        for (int c = 0; c < k; c++) {
            double[] v = e.getEigenvector(order[c]).unitVector().toArray();
            int big = 0;
            for (int j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
            if (v[big] < 0) for (int j = 0; j < d; j++) v[j] = -v[j];
            comps[c] = v;
            vars[c] = Math.max(0, values[order[c]]);
        }
        return new Pca(mean, comps, vars, cov.getTrace());
    }

    /** The coordinates of {@code row} on the components, [k]. */
    public double[] project(double[] row) {
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++)
            for (int j = 0; j < mean.length; j++) out[c] += (row[j] - mean[j]) * components[c][j];
        return out;
    }

    /** The fraction of the total variance along each component. */
    public double[] fractions() {
        double[] f = new double[variances.length];
        for (int c = 0; c < f.length; c++) f[c] = total > 0 ? variances[c] / total : 0;
        return f;
    }
}
