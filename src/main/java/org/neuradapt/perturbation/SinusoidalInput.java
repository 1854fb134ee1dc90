package org.neuradapt.perturbation;

import java.util.SplittableRandom;
import org.neuradapt.UserError;

/**
 * The sinusoidal input transform (docs/science.md section 4.3):
 * {@code x_t -> x_t (1 + A sin(2 pi f t / T + phase))}, only where {@code x_t > 0}, so the
 * black background of an MNIST image stays black and only the strokes are modulated.
 *
 * <p>The phase runs over t / T: the reference divides by 784, i.e. by its T, and dividing by the
 * actual T keeps "f periods per sequence" at every pooling. Test setting {@link #TEST} (A = 0.5,
 * f = 1, phase 0); the paper's training augmentation ({@code train.sinusoid_p}) uses
 * A = {@link #TRAIN_AMPLITUDE} and f ~ U(0, {@link #TRAIN_MAX_FREQUENCY}) per batch.
 *
 * @param amplitude A, any finite number
 * @param frequency f, periods per sequence
 * @param phase in radians
 */
public record SinusoidalInput(double amplitude, double frequency, double phase) implements Perturbation {

    /** The test setting: A = 0.5, f = 1, phase 0. */
    public static final SinusoidalInput TEST = new SinusoidalInput(0.5, 1.0, 0.0);

    /** Training augmentation amplitude (docs/science.md section 4.3). */
    public static final double TRAIN_AMPLITUDE = 0.2;

    /** Training augmentation frequencies are drawn from U(0, this) per batch. */
    public static final double TRAIN_MAX_FREQUENCY = 2.0;

    public SinusoidalInput {
        if (!Double.isFinite(amplitude) || !Double.isFinite(frequency) || !Double.isFinite(phase))
            throw new UserError("sinusoid amplitude, frequency and phase must be finite numbers, got "
                    + amplitude + ", " + frequency + ", " + phase);
    }

    @Override
    public void apply(float[] x, float[] drive, Shape shape, SplittableRandom rng) {
        if (!changesInput()) return;
        if (x == null) throw new IllegalArgumentException("the sinusoid needs the input array, got null");
        shape.check(x, null);
        int steps = shape.steps(), inputs = shape.inputs();
        for (int t = 0; t < steps; t++) {
            // one factor per step, rounded to float once, as the first version did
            float gain = (float) (1 + amplitude * Math.sin(2 * Math.PI * frequency * t / steps + phase));
            for (int b = 0; b < shape.batch(); b++)
                for (int k = 0; k < inputs; k++) {
                    int j = (b * steps + t) * inputs + k;
                    if (x[j] > 0) x[j] *= gain;
                }
        }
    }

    @Override public boolean changesDrive() { return false; }

    /** A = 0 multiplies by 1 everywhere. */
    @Override public boolean changesInput() { return amplitude != 0; }

    @Override
    public Perturbation with(String parameter, double value) {
        return switch (parameter == null ? "" : parameter) {
            case "amplitude", "A" -> new SinusoidalInput(value, frequency, phase);
            case "frequency", "f" -> new SinusoidalInput(amplitude, value, phase);
            case "phase" -> new SinusoidalInput(amplitude, frequency, value);
            default -> throw DriveWindow.unknown(type(), parameter, "amplitude (A), frequency (f), phase");
        };
    }

    @Override
    public String id(int steps) {
        return "sinusoid(A=" + Perturbations.number(amplitude) + ",f=" + Perturbations.number(frequency)
                + ",phase=" + Perturbations.number(phase) + ")";
    }

    @Override public String type() { return "sinusoid"; }
}
