package org.neuradapt.perturbation;

import java.util.SplittableRandom;
import org.neuradapt.UserError;

/**
 * Gaussian drive (docs/science.md section 4.2): i.i.d. N(0, xi^2) added to every neuron's
 * pre-activation at every step strictly inside the window (the same window and the same
 * per-model meaning of "pre-activation" as {@link StepDrive}: the LSTM's output gate,
 * docs/science.md section 4.4).
 *
 * <p>Reproducibility: the values are drawn from the {@code rng} given to {@link #apply}, one per
 * (sample, step inside the window, neuron) in that order, by Box-Muller on two uniforms (kept
 * from the first version, so old seeds give the same drives). The same seed and the same batches
 * therefore give the same drive. A caller that draws batch after batch from one generator (as
 * {@code training.Evaluation} does) gets values independent of the batch size when this is the
 * only stochastic part; combined with a second stochastic part the interleaving of draws, and so
 * the values, depend on the batch size, and only (seed, batch size) fixes them.
 *
 * @param xi the standard deviation, >= 0
 * @param window where it acts, in steps or as fractions of T (docs/science.md section 4.5)
 */
public record GaussianDrive(double xi, Window window) implements Perturbation {

    public GaussianDrive {
        if (!Double.isFinite(xi) || xi < 0)
            throw new UserError("gaussian drive xi is a standard deviation and must be a number >= 0, got " + xi);
        if (window == null) throw new IllegalArgumentException("gaussian drive window must be given");
    }

    /** A Gaussian drive in the paper's window ({@link Window#PAPER}). */
    public GaussianDrive(double xi) { this(xi, Window.PAPER); }

    @Override
    public void apply(float[] x, float[] drive, Shape shape, SplittableRandom rng) {
        if (changesDrive()) DriveWindow.add(drive, shape, window, () -> xi * standardNormal(rng));
    }

    /** xi = 0 adds nothing and draws nothing. */
    @Override public boolean changesDrive() { return xi != 0; }

    @Override public boolean changesInput() { return false; }

    @Override public double amplitude() { return xi; }

    @Override
    public Perturbation with(String parameter, double value) {
        if ("xi".equals(parameter)) return new GaussianDrive(value, window);
        throw DriveWindow.unknown(type(), parameter, "xi");
    }

    @Override public String id(int steps) { return DriveWindow.id(type(), xi, window, steps); }

    @Override public String type() { return "gaussian"; }

    /** One N(0, 1) value by Box-Muller; 1 - u keeps the logarithm finite. */
    static double standardNormal(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
