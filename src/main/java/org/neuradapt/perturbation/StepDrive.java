package org.neuradapt.perturbation;

import java.util.SplittableRandom;
import org.neuradapt.UserError;

/**
 * Step drive (docs/science.md section 4.1): a constant xi added to every neuron's pre-activation
 * a_t at the steps strictly inside the window, {@code pos < t < pos + len}, as the authors'
 * {@code StepTransform} (kept strict on both ends so that results compare with the reference; see
 * {@link Window.Steps}).
 *
 * <p>What "pre-activation" means per model (docs/science.md section 4.4): the Elman RNNs and the
 * ARUN add the drive to a_t = W x_t + U h_{t-1} + b; the LSTM adds it to the output gate's
 * pre-activation (network.graph.LstmCell and network.fused.FusedLstmCell, gate block o), so the
 * drive modulates what the cell shows rather than what it stores; the GRU adds it to the
 * candidate's pre-activation. The models consume the drive input that way; nothing here depends
 * on the model.
 *
 * @param xi the amplitude, any sign (a negative step is an inhibitory drive)
 * @param window where it acts, in steps or as fractions of T (docs/science.md section 4.5)
 */
public record StepDrive(double xi, Window window) implements Perturbation {

    public StepDrive {
        if (!Double.isFinite(xi)) throw new UserError("step drive xi must be a finite number, got " + xi);
        if (window == null) throw new IllegalArgumentException("step drive window must be given");
    }

    /** A step drive in the paper's window ({@link Window#PAPER}). */
    public StepDrive(double xi) { this(xi, Window.PAPER); }

    @Override
    public void apply(float[] x, float[] drive, Shape shape, SplittableRandom rng) {
        if (changesDrive()) DriveWindow.add(drive, shape, window, () -> xi);
    }

    /** A step of 0 adds nothing, so a sweep's xi = 0 point runs exactly as the unperturbed network. */
    @Override public boolean changesDrive() { return xi != 0; }

    @Override public boolean changesInput() { return false; }

    @Override public double amplitude() { return xi; }

    @Override
    public Perturbation with(String parameter, double value) {
        if ("xi".equals(parameter)) return new StepDrive(value, window);
        throw DriveWindow.unknown(type(), parameter, "xi");
    }

    @Override public String id(int steps) { return DriveWindow.id(type(), xi, window, steps); }

    @Override public String type() { return "step"; }
}
