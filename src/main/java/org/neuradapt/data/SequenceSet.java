package org.neuradapt.data;

import org.neuradapt.network.Readout;

/**
 * A set of sequences held as one row-major float array:
 * {@code x[(i * steps + t) * inputSize + k]} is input k of sample i at step t. {@code labels[i]} is
 * sample i's class, the target of the last-step read-out; a task with targets at every step
 * carries them in {@code stepTargets} (docs/tasks.md, "Targets"), and its labels are then the
 * trial's class where it has one (0 otherwise).
 */
public record SequenceSet(float[] x, int[] labels, int count, int steps, int inputSize, StepTargets stepTargets) {
    public SequenceSet {
        if (x.length != (long) count * steps * inputSize)
            throw new IllegalArgumentException("x has " + x.length + " values, expected " + count + "x" + steps + "x" + inputSize);
        if (labels.length != count)
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected " + count);
        if (stepTargets != null) stepTargets.checkLength(count, steps);
    }

    /** A set of the last-step read-out: one class per sequence. */
    public SequenceSet(float[] x, int[] labels, int count, int steps, int inputSize) {
        this(x, labels, count, steps, inputSize, null);
    }

    /** What the read-out reports for this set. */
    public Readout readout() { return stepTargets == null ? Readout.LAST : stepTargets.readout(); }
}
