package org.neuradapt.perturbation;

/**
 * The sinusoidal input transform (SCIENCE.md section 4):
 * x_t -&gt; x_t (1 + A sin(2 pi f t / T + phase)) where x_t &gt; 0. Test setting A = 0.5, f = 1,
 * phase = 0; as training augmentation A = 0.2, f ~ U(0, 2) on a fraction p of batches.
 */
public record SinusoidalTransform(double amplitude, double frequency, double phase) {

    public static final SinusoidalTransform TEST = new SinusoidalTransform(0.5, 1.0, 0.0);

    /** Training augmentation amplitude (SCIENCE.md section 4). */
    public static final double TRAIN_AMPLITUDE = 0.2;
    /** Training augmentation frequencies are drawn from U(0, this). */
    public static final double TRAIN_MAX_FREQUENCY = 2.0;

    /** Applies the transform in place to row-major sequences [count, steps, inputSize]. */
    public void applyInPlace(float[] x, int count, int steps, int inputSize) {
        for (int t = 0; t < steps; t++) {
            float gain = (float) (1 + amplitude * Math.sin(2 * Math.PI * frequency * t / steps + phase));
            for (int i = 0; i < count; i++)
                for (int k = 0; k < inputSize; k++) {
                    int j = (i * steps + t) * inputSize + k;
                    if (x[j] > 0) x[j] *= gain;
                }
        }
    }
}
