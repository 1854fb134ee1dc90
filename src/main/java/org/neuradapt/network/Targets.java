package org.neuradapt.network;

import java.util.Arrays;

/**
 * What a batch's read-out is compared with (docs/tasks.md, "Targets"), batch-major, for any
 * {@link Readout}:
 * <ul>
 *   <li>{@link Readout#LAST}: {@code classes} [B], one class per sequence;</li>
 *   <li>{@link Readout#STEP_CLASSES}: {@code classes} [B * T], a class per step;</li>
 *   <li>{@link Readout#STEP_VALUES}: {@code values} [B * T * K], K values per step.</li>
 * </ul>
 * {@code mask} [B * T] (per-step read-outs only; null: every step counts) weighs each step's
 * loss; a step of weight 0 is ignored, its class or values may be anything. The loss is the
 * weighted sum divided by {@link #norm}: the mean over the counted steps (and over K for values),
 * so that a batch cut into shards adds up to the batch's loss. {@code decision} [B * T] (per-step
 * classes only; null: the counted steps, weighted) marks the steps whose accuracy is reported,
 * the decision or response period, each counting once, so that an easy fixation class trained
 * beside them does not inflate the accuracy.
 */
public record Targets(Readout readout, int[] classes, double[] values, double[] mask, boolean[] decision) {

    public Targets {
        if (readout == null) throw new IllegalArgumentException("a read-out is needed");
        if (readout == Readout.LAST && mask != null) throw new IllegalArgumentException("the last-step read-out has no mask");
        if (readout == Readout.STEP_VALUES && classes != null) throw new IllegalArgumentException("values targets carry no classes");
        if (readout != Readout.STEP_VALUES && values != null) throw new IllegalArgumentException("class targets carry no values");
        if (decision != null && readout != Readout.STEP_CLASSES) throw new IllegalArgumentException("decision steps go with per-step classes");
    }

    /** Targets whose accuracy is over the counted steps (no decision steps marked). */
    public Targets(Readout readout, int[] classes, double[] values, double[] mask) { this(readout, classes, values, mask, null); }

    /** One class per sequence (the paper's read-out). */
    public static Targets last(int[] classes) { return new Targets(Readout.LAST, classes, null, null); }

    /** No targets: a forward pass that only reads out. */
    public static Targets none(Readout readout) { return new Targets(readout, null, null, null); }

    /** Whether there is anything to compare with (else the loss is NaN and there are no gradients). */
    public boolean present() { return classes != null || values != null; }

    /** The weight of step t of sample b (1 without a mask). */
    public double weight(int b, int t, int steps) { return mask == null ? 1 : mask[b * steps + t]; }

    /**
     * What the summed loss of a batch of B sequences of T steps is divided by: B for the last-step
     * read-out, the total weight of the steps (times K for values) for a per-step one.
     *
     * @param width K (values per step; ignored for classes)
     */
    public double norm(int batch, int steps, int width) {
        if (!readout.perStep()) return batch;
        double w = 0;
        if (mask == null) w = (double) batch * steps;
        else for (double m : mask) w += m;
        return readout.classes() ? w : w * width;
    }

    /**
     * Checks the lengths against a batch; a mask must be finite and >= 0, and a counted step's
     * class must lie in [0, C). Throws IllegalArgumentException. (A batch whose mask weighs no
     * step has loss 0 and no gradient.)
     *
     * @param width C (classes) or K (values per step)
     */
    public void check(int batch, int steps, int width) {
        if (!present()) return;
        int rows = readout.perStep() ? batch * steps : batch;
        if (readout.classes() && classes.length != rows)
            throw new IllegalArgumentException("need " + rows + " class targets, got " + classes.length);
        if (!readout.classes() && values.length != (long) rows * width)
            throw new IllegalArgumentException("need " + (long) rows * width + " value targets (B*T*K), got " + values.length);
        if (decision != null && decision.length != rows) throw new IllegalArgumentException("decision has " + decision.length + " entries, expected B*T = " + rows);
        if (mask != null) {
            if (mask.length != rows) throw new IllegalArgumentException("mask has " + mask.length + " entries, expected B*T = " + rows);
            for (double m : mask) if (!(m >= 0) || Double.isInfinite(m)) throw new IllegalArgumentException("mask holds " + m + "; weights are finite and >= 0");
        }
        if (readout.classes())
            for (int r = 0; r < rows; r++) {
                int y = classes[r];
                if ((mask == null || mask[r] > 0 || decision != null && decision[r]) && (y < 0 || y >= width))
                    throw new IllegalArgumentException("label " + y + " out of range [0, " + width + ")");
            }
    }

    /** The targets of samples [b0, b0 + nb) of a batch of T steps (a shard), null-safe. */
    public Targets samples(int b0, int nb, int steps, int width) {
        int per = readout.perStep() ? steps : 1;
        return new Targets(readout,
                classes == null ? null : Arrays.copyOfRange(classes, b0 * per, (b0 + nb) * per),
                values == null ? null : Arrays.copyOfRange(values, b0 * per * width, (b0 + nb) * per * width),
                mask == null ? null : Arrays.copyOfRange(mask, b0 * per, (b0 + nb) * per),
                decision == null ? null : Arrays.copyOfRange(decision, b0 * per, (b0 + nb) * per));
    }
}
