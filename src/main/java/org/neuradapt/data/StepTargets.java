package org.neuradapt.data;

import org.neuradapt.network.Readout;

/**
 * The targets at every step of a set of sequences (docs/tasks.md, "Targets"), row-major:
 * {@code classes[i * T + t]} for {@link Readout#STEP_CLASSES}, {@code values[(i * T + t) * K + k]}
 * for {@link Readout#STEP_VALUES}, and the loss mask {@code mask[i * T + t]} (a weight >= 0; 0: the
 * step does not count; null: every step counts) and, for classes, the decision steps
 * {@code decision[i * T + t]} whose accuracy is reported (null: the counted steps; network.Targets).
 *
 * @param width C classes or K values per step: the read-out's width
 */
public record StepTargets(Readout readout, int width, int[] classes, float[] values, float[] mask, boolean[] decision) {
    public StepTargets {
        if (!readout.perStep()) throw new IllegalArgumentException("step targets need a per-step read-out, not " + readout.id());
        if ((readout == Readout.STEP_CLASSES) != (classes != null) || (readout == Readout.STEP_VALUES) != (values != null))
            throw new IllegalArgumentException(readout.id() + " targets need " + (readout == Readout.STEP_CLASSES ? "classes" : "values") + " only");
        if (decision != null && readout != Readout.STEP_CLASSES) throw new IllegalArgumentException("decision steps go with per-step classes");
    }

    /** Step targets whose accuracy is over the counted steps. */
    public StepTargets(Readout readout, int width, int[] classes, float[] values, float[] mask) { this(readout, width, classes, values, mask, null); }

    /** Entries per sequence of T steps. */
    public int perSequence(int steps) { return readout == Readout.STEP_VALUES ? steps * width : steps; }

    void checkLength(int count, int steps) {
        int n = classes != null ? classes.length : values.length;
        if (n != (long) count * perSequence(steps))
            throw new IllegalArgumentException("step targets have " + n + " entries, expected " + (long) count * perSequence(steps));
        if (mask != null && mask.length != (long) count * steps)
            throw new IllegalArgumentException("mask has " + mask.length + " entries, expected " + (long) count * steps);
        if (decision != null && decision.length != (long) count * steps)
            throw new IllegalArgumentException("decision has " + decision.length + " entries, expected " + (long) count * steps);
    }

    /** The targets of sequences [from, from + n). */
    public StepTargets range(int from, int n, int steps) {
        int per = perSequence(steps);
        return new StepTargets(readout, width,
                classes == null ? null : java.util.Arrays.copyOfRange(classes, from * per, (from + n) * per),
                values == null ? null : java.util.Arrays.copyOfRange(values, from * per, (from + n) * per),
                mask == null ? null : java.util.Arrays.copyOfRange(mask, from * steps, (from + n) * steps),
                decision == null ? null : java.util.Arrays.copyOfRange(decision, from * steps, (from + n) * steps));
    }
}
