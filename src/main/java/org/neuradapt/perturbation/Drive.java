package org.neuradapt.perturbation;

import java.util.SplittableRandom;

/**
 * A drive added to every neuron's pre-activation a_t (SCIENCE.md section 4). Drives are inputs
 * of every model ({@code network.Batch#drive}), so one trained network can be evaluated under
 * any drive without rebuilding or retraining.
 */
public interface Drive {

    /**
     * The drive for a batch, row-major [B, T, N].
     *
     * @param rng source for stochastic drives (ignored by deterministic ones)
     */
    float[] sample(int batch, int steps, int hidden, SplittableRandom rng);

    /** No drive at all. */
    Drive NONE = (b, t, n, rng) -> new float[b * t * n];

    /** Time window pos &lt; t &lt; pos + len (strict on both ends, as the reference's StepTransform). */
    record Window(int pos, int len) {
        public Window {
            if (pos < 0 || len < 0) throw new IllegalArgumentException("window pos and len must be >= 0, got " + pos + ", " + len);
        }

        public boolean contains(int t) { return t > pos && t < pos + len; }

        /** The paper's window (pos 200, len 200 at T = 784) scaled to T steps (SCIENCE.md section 3). */
        public static Window paperScaled(int steps) {
            return new Window(Math.round(200f * steps / 784f), Math.round(200f * steps / 784f));
        }
    }

    /** [B, T, N] with {@code value} drawn for every neuron and step inside the window, 0 outside. */
    private static float[] inWindow(int batch, int steps, int hidden, Window window, java.util.function.DoubleSupplier value) {
        float[] d = new float[batch * steps * hidden];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                if (window.contains(t))
                    for (int i = 0; i < hidden; i++) d[(b * steps + t) * hidden + i] = (float) value.getAsDouble();
        return d;
    }

    /** Step drive: a constant xi on every neuron inside the window ("StepTransform"). */
    record Step(double xi, Window window) implements Drive {
        @Override
        public float[] sample(int batch, int steps, int hidden, SplittableRandom rng) {
            return inWindow(batch, steps, hidden, window, () -> xi);
        }
    }

    /** Gaussian drive: i.i.d. N(0, xi^2) per neuron and step inside the window. */
    record Gaussian(double xi, Window window) implements Drive {
        @Override
        public float[] sample(int batch, int steps, int hidden, SplittableRandom rng) {
            return inWindow(batch, steps, hidden, window, () -> xi * gaussian(rng));
        }

        private static double gaussian(SplittableRandom rng) {
            double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
            return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }
}
