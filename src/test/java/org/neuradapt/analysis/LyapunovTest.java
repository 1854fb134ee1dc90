package org.neuradapt.analysis;

import org.neuradapt.neuron.ArunReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.neuradapt.neuron.Gamma;

/** The Benettin/QR estimator and the Jacobians of docs/science.md sections 5.5 and 5.6 on systems with known answers. */
class LyapunovTest {

    /** A constant or state-dependent dense map, J applied as a matrix product (column convention). */
    static Lyapunov.TangentMaps dense(java.util.function.IntFunction<double[][]> jacobian, int d) {
        return new Lyapunov.TangentMaps() {
            @Override public int dimension() { return d; }

            @Override
            public void apply(int t, double[][] vectors) {
                RealMatrix j = new Array2DRowRealMatrix(jacobian.apply(t), false);
                for (int v = 0; v < vectors.length; v++) vectors[v] = j.operate(vectors[v]);
            }
        };
    }

    @Test
    void henonMapHasItsKnownExponentsAndTheirSumIsLnB() {
        double a = 1.4, b = 0.3;
        double[] xy = {0.1, 0.1};
        for (int i = 0; i < 100; i++) xy = new double[] {1 - a * xy[0] * xy[0] + xy[1], b * xy[0]};  // onto the attractor
        double[] state = xy;
        Lyapunov.TangentMaps henon = dense(t -> {
            double[][] j = {{-2 * a * state[0], 1}, {b, 0}};
            double x = state[0];
            state[0] = 1 - a * x * x + state[1];
            state[1] = b * x;
            return j;
        }, 2);
        Lyapunov.Spectrum s = Lyapunov.estimate(henon, 2, 1000, 200_000, 7);
        assertEquals(0.4192, s.exponents()[0], 0.004, "lambda_1 of Henon (nats)");
        assertEquals(-1.6232, s.exponents()[1], 0.004, "lambda_2 of Henon (nats)");
        assertEquals(Math.log(b), s.sum(), 1e-10, "det J = -b at every step, so the sum is ln b exactly");
        assertEquals(0.605, s.exponents()[0] * Lyapunov.Unit.BITS.factor, 0.006, "in bits");
        assertEquals(200_000, s.running().length);
        assertEquals(s.exponents()[0], s.running()[199_999][0], 0);
    }

    @Test
    void linearMapHasTheLogModuliOfItsEigenvalues() {
        double[] eig = {1.8, -1.2, 0.7, 0.3};
        SplittableRandom rng = new SplittableRandom(3);
        double[][] p = new double[4][4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) p[i][j] = (i == j ? 2 : 0) + rng.nextGaussian() * 0.5;
        RealMatrix pm = MatrixUtils.createRealMatrix(p);
        double[][] a = pm.multiply(MatrixUtils.createRealDiagonalMatrix(eig)).multiply(MatrixUtils.inverse(pm)).getData();
        Lyapunov.Spectrum full = Lyapunov.estimate(dense(t -> a, 4), 4, 100, 5000, 1);
        for (int i = 0; i < 4; i++) assertEquals(Math.log(Math.abs(eig[i])), full.exponents()[i], 2e-3, "exponent " + i);
        Lyapunov.Spectrum partial = Lyapunov.estimate(dense(t -> a, 4), 2, 100, 5000, 2);
        for (int i = 0; i < 2; i++) assertEquals(Math.log(Math.abs(eig[i])), partial.exponents()[i], 2e-3, "k = 2 gives the 2 largest");
    }

    @Test
    void annihilatedDirectionsGiveMinusInfinityAndTheOthersStayRight() {
        double[][] a = {{0.5, 0, 0}, {0, 0, 0}, {0, 0, 0.25}};  // rank 2: the third exponent is -infinity
        Lyapunov.Spectrum s = Lyapunov.estimate(dense(t -> a, 3), 3, 10, 100, 5);
        assertEquals(Math.log(0.5), s.exponents()[0], 1e-6);
        assertEquals(Math.log(0.25), s.exponents()[1], 1e-6);
        assertEquals(Double.NEGATIVE_INFINITY, s.exponents()[2]);
    }

    /** A random W [n][n] scaled to spectral norm {@code norm}. */
    static double[][] weights(int n, double norm, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[n][n];
        for (double[] row : w) for (int i = 0; i < n; i++) row[i] = rng.nextGaussian();
        double s = new SingularValueDecomposition(MatrixUtils.createRealMatrix(w)).getNorm();
        for (double[] row : w) for (int i = 0; i < n; i++) row[i] *= norm / s;
        return w;
    }

    @Test
    void contractingTanhRnnHasOnlyNegativeExponentsBelowTheSlopeBound() {
        int n = 12, steps = 400;
        double norm = 0.8;
        double[][] w = weights(n, norm, 11);
        SplittableRandom rng = new SplittableRandom(12);
        List<Lyapunov.TangentMaps> samples = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            double[] h = new double[n];
            double[][] slopes = new double[steps][n];
            for (int t = 0; t < steps; t++) {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) a[i] = rng.nextGaussian();  // the input current x_t U + b
                for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) a[i] += h[j] * w[j][i];
                for (int i = 0; i < n; i++) {
                    h[i] = Math.tanh(a[i]);
                    slopes[t][i] = org.neuradapt.neuron.ClassicActivation.TANH.slope(a[i]);
                }
            }
            samples.add(SlopeJacobian.along(slopes, w));
        }
        TrajectoryLyapunov.Protocol p = new TrajectoryLyapunov.Protocol(TrajectoryLyapunov.Variant.TRAJECTORY, n, 50, 350, List.of(0.0), 3,
                Lyapunov.Unit.NATS, 1);
        TrajectoryLyapunov.Result r = TrajectoryLyapunov.analyse(Source.synthetic("tanh"), p, xi -> samples, Progress.NONE);
        double bound = Math.log(1.0 * norm);  // max tanh' = 1
        double[] mean = r.spectra().get(0).mean();
        for (double e : mean) assertTrue(e < bound, "exponent " + e + " below log(max slope ||W||) = " + bound);
        for (int i = 1; i < n; i++) assertTrue(mean[i] <= mean[i - 1] + 1e-9, "ordered");
        assertTrue(mean[0] > bound - 1.5, "not trivially small: " + mean[0]);
        assertTrue(r.spectra().get(0).sd()[0] > 0);
        String csv = TrajectoryLyapunov.spectrumCsv(r);
        assertEquals(1 + n, csv.lines().count());
        assertTrue(csv.startsWith(TrajectoryLyapunov.SPECTRUM_HEADER + "\ntrajectory,0,1,"));
        assertEquals(1 + 350, TrajectoryLyapunov.runningCsv(r).lines().count());
    }

    @Test
    void slopeJacobianIsDiagSlopeTimesWTransposeAndItsNormIsTheLargestSingularValue() {
        int n = 9;
        SplittableRandom rng = new SplittableRandom(4);
        double[][] w = weights(n, 1.3, 5);
        double[] slope = new double[n];
        for (int i = 0; i < n; i++) slope[i] = rng.nextDouble();
        RealMatrix j = MatrixUtils.createRealDiagonalMatrix(slope).multiply(MatrixUtils.createRealMatrix(w).transpose());
        SlopeJacobian sj = new SlopeJacobian(slope, w);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        assertArrayEquals(j.operate(v), sj.apply(v), 1e-12);
        assertArrayEquals(j.transpose().operate(v), sj.applyTransposed(v), 1e-12);
        assertEquals(new SingularValueDecomposition(j).getNorm(), sj.spectralNorm(null, 1e-12, 10_000), 1e-8);
        // an orthogonal W with equal slopes: every singular value equal, no gap for the power iteration
        double[][] q = new QRDecomposition(MatrixUtils.createRealMatrix(weights(n, 1, 6))).getQ().getData();
        double[] flat = new double[n];
        java.util.Arrays.fill(flat, 0.7);
        assertEquals(0.7, new SlopeJacobian(flat, q).spectralNorm(null, 1e-12, 10_000), 1e-10);
        // a close top pair: 1 and 0.99
        double[] pair = slope.clone();
        pair[0] = 1;
        pair[1] = 0.99;
        for (int i = 2; i < n; i++) pair[i] = 0.5 * slope[i];
        assertEquals(1, new SlopeJacobian(pair, q).spectralNorm(null, 1e-12, 10_000), 1e-6);
    }

    @Test
    void jacobianNormCurvesAverageOverSamples() {
        double[][] w = weights(5, 2.0, 8);
        double[][][] slopes = new double[2][3][5];
        for (double[][] b : slopes) for (double[] t : b) java.util.Arrays.fill(t, 0.5);
        slopes[1][2][0] = 0;  // one entry differs
        JacobianNorm.Result r = JacobianNorm.analyse(Source.synthetic("w"), new JacobianNorm.Protocol(List.of(0.0), 2, 1), w, xi -> slopes, Progress.NONE);
        JacobianNorm.Curve c = r.curves().get(0);
        assertEquals(1.0, c.mean()[0], 1e-9, "0.5 ||W|| = 1");
        assertEquals(0, c.sd()[0], 1e-9);
        double other = new SingularValueDecomposition(MatrixUtils.createRealDiagonalMatrix(slopes[1][2])
                .multiply(MatrixUtils.createRealMatrix(w).transpose())).getNorm();
        assertEquals((1 + other) / 2, c.mean()[2], 1e-8);
        assertEquals(1 + 3, JacobianNorm.csv(r).lines().count());
    }

    /** A tiny ARUN with random parameters large enough that every term of the Jacobian matters. */
    static ArunReference tinyArun(int n, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[n][n], wgg = new double[m][m];
        for (double[] r : w) for (int i = 0; i < n; i++) r[i] = rng.nextGaussian() * 0.8;
        for (double[] r : wgg) for (int i = 0; i < m; i++) r[i] = rng.nextGaussian() * 0.9;
        double[] uag = new double[m], bg = new double[m], wgn = new double[m], wgs = new double[m];
        for (int i = 0; i < m; i++) {
            uag[i] = rng.nextGaussian();
            bg[i] = rng.nextGaussian() * 0.1;
            wgn[i] = rng.nextGaussian();
            wgs[i] = rng.nextGaussian() * 0.2;
        }
        return new ArunReference(w, uag, wgg, bg, wgn, 3.0, wgs, 0.3);
    }

    static double[] flatten(double[] h, double[][] g) {
        int n = h.length, m = g[0].length;
        double[] v = new double[n * (m + 1)];
        System.arraycopy(h, 0, v, 0, n);
        for (int i = 0; i < n; i++) System.arraycopy(g[i], 0, v, n + i * m, m);
        return v;
    }

    /** The full step as a map of the flattened state, for finite differences. */
    static double[] step(ArunReference arun, double[] x, double[] c) {
        int n = arun.neurons(), m = arun.controller();
        double[] h = java.util.Arrays.copyOf(x, n);
        double[][] g = new double[n][m];
        for (int i = 0; i < n; i++) System.arraycopy(x, n + i * m, g[i], 0, m);
        ArunReference.State s = arun.forward(h, g, c);
        return flatten(s.h(), s.g());
    }

    /** The dense Jacobian of the step at x by central differences, column by column. */
    static double[][] finiteDifferenceJacobian(ArunReference arun, double[] x, double[] c) {
        int d = x.length;
        double eps = 1e-6;
        double[][] j = new double[d][d];
        for (int col = 0; col < d; col++) {
            double[] up = x.clone(), down = x.clone();
            up[col] += eps;
            down[col] -= eps;
            double[] fu = step(arun, up, c), fd = step(arun, down, c);
            for (int row = 0; row < d; row++) j[row][col] = (fu[row] - fd[row]) / (2 * eps);
        }
        return j;
    }

    record Trajectory(ArunReference.State[] states, double[][] before, double[][] currents) {}

    static Trajectory trajectory(ArunReference arun, int steps, long seed) {
        int n = arun.neurons(), m = arun.controller();
        SplittableRandom rng = new SplittableRandom(seed);
        ArunReference.State[] states = new ArunReference.State[steps];
        double[][] before = new double[steps][], currents = new double[steps][n];
        double[] h = new double[n];
        double[][] g = new double[n][m];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) currents[t][i] = rng.nextGaussian();
            before[t] = flatten(h, g);
            states[t] = arun.forward(h, g, currents[t]);
            h = states[t].h();
            g = states[t].g();
        }
        return new Trajectory(states, before, currents);
    }

    @Test
    void arunJacobianVectorProductMatchesCentralDifferences() {
        ArunReference arun = tinyArun(3, 2, 21);
        Trajectory tr = trajectory(arun, 40, 22);
        SplittableRandom rng = new SplittableRandom(23);
        for (int t : new int[] {1, 10, 39}) {
            double[] v = new double[arun.dimension()];
            for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
            double eps = 1e-6;
            double[] up = tr.before()[t].clone(), down = tr.before()[t].clone();
            for (int i = 0; i < v.length; i++) {
                up[i] += eps * v[i];
                down[i] -= eps * v[i];
            }
            double[] fu = step(arun, up, tr.currents()[t]), fd = step(arun, down, tr.currents()[t]);
            double[] fdv = new double[v.length];
            for (int i = 0; i < v.length; i++) fdv[i] = (fu[i] - fd[i]) / (2 * eps);
            assertArrayEquals(fdv, arun.jvp(tr.states()[t], v), 1e-7, "step " + t);
        }
    }

    @Test
    void fullStateArunExponentsMatchADenseJacobianQr() {
        ArunReference arun = tinyArun(3, 2, 31);
        int d = arun.dimension(), warmup = 200, steps = 3000;
        Trajectory tr = trajectory(arun, warmup + steps, 32);
        Lyapunov.Spectrum jvp = Lyapunov.estimate(TrajectoryLyapunov.full(arun, tr.states(), 0), d, warmup, steps, 33);

        // dense: the (N + NM)-square Jacobian by finite differences, Q_0 = I, QR'd by Commons Math with diag(R) made positive
        RealMatrix q = MatrixUtils.createRealIdentityMatrix(d);
        double[] sum = new double[d];
        double logDet = 0;
        for (int t = 0; t < warmup + steps; t++) {
            RealMatrix j = MatrixUtils.createRealMatrix(finiteDifferenceJacobian(arun, tr.before()[t], tr.currents()[t]));
            QRDecomposition qr = new QRDecomposition(j.multiply(q));
            RealMatrix r = qr.getR();
            q = qr.getQ();
            for (int i = 0; i < d; i++) {
                if (r.getEntry(i, i) < 0) for (int row = 0; row < d; row++) q.setEntry(row, i, -q.getEntry(row, i));
                if (t >= warmup) sum[i] += Math.log(Math.abs(r.getEntry(i, i)));
            }
            if (t >= warmup) logDet += Math.log(Math.abs(new LUDecomposition(j).getDeterminant()));
        }
        for (int i = 0; i < d; i++) assertEquals(sum[i] / steps, jvp.exponents()[i], 0.01, "exponent " + i);
        assertEquals(logDet / steps, jvp.sum(), 1e-5, "with k = d the sum is the mean log |det J_t| whatever Q_0");
        assertTrue(jvp.exponents()[0] - jvp.exponents()[d - 1] > 0.5, "a spread spectrum, not a degenerate check");
    }

    @Test
    void referenceMapOfADiagonalNetworkHasItsFixedPointSlopes() {
        double[][] w = {{0.6, 0, 0}, {0, 0.4, 0}, {0, 0, 0.2}};
        int T = 30;
        double[][] n = new double[T][3], s = new double[T][3], h = new double[T][3];
        for (int t = 0; t < T; t++) {
            java.util.Arrays.fill(n[t], t <= 10 ? 2.0 : 5.0);  // moves at the onset 11 of the window 10:12
            java.util.Arrays.fill(s[t], 0.1);
            java.util.Arrays.fill(h[t], 0.3);
        }
        ReferenceLyapunov.Protocol p = new ReferenceLyapunov.Protocol(3, 200, 50, List.of(1.0), new org.neuradapt.perturbation.Window.Steps(10, 12), 5,
                ReferenceLyapunov.Shapes.NEURON, false, false, Lyapunov.Unit.NATS, 1);
        ReferenceLyapunov.Result r = ReferenceLyapunov.analyse(Source.synthetic("diag"), p, w, new double[3], xi -> new ReferenceLyapunov.Path(n, s, h),
                Progress.NONE);
        for (ReferenceLyapunov.Point pt : r.points()) {
            double gain = pt.mode().equals(ReferenceLyapunov.FIXED) || (pt.t() >= 0 && pt.t() <= 10) ? 2.0 : 5.0;
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                double x = 0.3;  // the decoupled map h_i -> gamma(w_i h_i) converges to its fixed point
                for (int it = 0; it < 2000; it++) x = Gamma.value(w[i][i] * x, gain, 0.1);
                expected[i] = Math.log(w[i][i] * Gamma.dx(w[i][i] * x, gain, 0.1));
            }
            java.util.Arrays.sort(expected);
            for (int i = 0; i < 3; i++) assertEquals(expected[2 - i], pt.exponents()[i], 1e-6, pt.toString());
        }
        // the time grid holds the onset 11 and every 5th step around it; the xi panel one point per mode
        assertTrue(r.points().stream().anyMatch(pt -> pt.t() == 11));
        assertEquals(2 * 6 + 2, r.points().size(), "t = 1, 6, 11, 16, 21, 26 in both modes, and the xi panel");
        assertEquals(1 + 3 * r.points().size(), ReferenceLyapunov.csv(r).lines().count());
    }
}
