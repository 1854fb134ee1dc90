package org.neuradapt.neuron;

import java.util.SplittableRandom;

/**
 * An initialiser: fills a parameter of a given shape (row-major) from a seeded random source,
 * so that a seed fixes a model whatever backend runs it. The factories implement the
 * initialisations of docs/science.md section 2 with PyTorch's fan conventions: a weight used as
 * {@code x W} with W of shape [in, out] has fan_in = in, fan_out = out.
 */
@FunctionalInterface
public interface Init {

    double[] sample(long[] shape, SplittableRandom rng);

    static Init constant(double value) {
        return (shape, rng) -> {
            double[] v = new double[size(shape)];
            java.util.Arrays.fill(v, value);
            return v;
        };
    }

    static Init zeros() { return constant(0.0); }

    /** U(lo, hi) element-wise (PyTorch's default for Linear, LSTM and GRU: lo = -hi = -1/sqrt(fan_in)). */
    static Init uniform(double lo, double hi) {
        return (shape, rng) -> {
            double[] v = new double[size(shape)];
            for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
            return v;
        };
    }

    /** Kaiming-normal (He), fan_in mode, gain sqrt(2): N(0, 2 / fan_in). */
    static Init kaimingNormal() {
        return (shape, rng) -> gaussian(size(shape), Math.sqrt(2.0 / fanIn(shape)), rng);
    }

    /** Xavier-normal (Glorot) with a gain: N(0, gain^2 2 / (fan_in + fan_out)). */
    static Init xavierNormal(double gain) {
        return (shape, rng) -> gaussian(size(shape), gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))), rng);
    }

    /**
     * "Henaff" orthogonal recurrent init (docs/science.md section 2): block-diagonal 2x2 rotations
     * whose angles are drawn from U(-pi, 0); an odd last row/column gets 1. All eigenvalues lie
     * on the unit circle, so the linear recurrence neither explodes nor vanishes at init.
     */
    static Init henaff() {
        return (shape, rng) -> {
            if (shape.length != 2 || shape[0] != shape[1])
                throw new IllegalArgumentException("henaff init needs a square matrix, got " + java.util.Arrays.toString(shape));
            int n = (int) shape[0];
            double[] w = new double[n * n];
            for (int k = 0; k + 1 < n; k += 2) {
                double theta = -Math.PI * rng.nextDouble();
                double c = Math.cos(theta), s = Math.sin(theta);
                w[k * n + k] = c;
                w[k * n + k + 1] = -s;
                w[(k + 1) * n + k] = s;
                w[(k + 1) * n + k + 1] = c;
            }
            if (n % 2 == 1) w[(n - 1) * n + n - 1] = 1.0;
            return w;
        };
    }

    /** The paper's initial gain (docs/science.md section 2): n_0 = 5 + 2 U(0, 1), one draw shared by the whole parameter. */
    static Init initialGain() {
        return (shape, rng) -> {
            double[] v = new double[size(shape)];
            java.util.Arrays.fill(v, 5.0 + 2.0 * rng.nextDouble());
            return v;
        };
    }

    private static double[] gaussian(int n, double std, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i += 2) { // Box-Muller: two normals per two uniforms
            double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            v[i] = std * r * Math.cos(2 * Math.PI * u2);
            if (i + 1 < n) v[i + 1] = std * r * Math.sin(2 * Math.PI * u2);
        }
        return v;
    }

    private static int size(long[] shape) {
        long s = 1;
        for (long d : shape) s *= d;
        return Math.toIntExact(s);
    }

    /** Vectors [k] are treated as [1, k] weights (a single input), e.g. u_ag. */
    private static long fanIn(long[] shape) { return shape.length == 2 ? shape[0] : 1; }

    private static long fanOut(long[] shape) { return shape.length == 2 ? shape[1] : shape[0]; }
}
