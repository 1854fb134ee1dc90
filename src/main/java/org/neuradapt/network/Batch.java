package org.neuradapt.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch, batch-major.
 *
 * @param x       inputs [B, T, I]
 * @param drive   pre-activation drive [B, T, N] added to a_t (docs/science.md section 4), or null for none
 * @param labels  one-hot targets [B, C] of the last-step read-out, or null (forward pass only, or a per-step read-out)
 * @param targets the targets of a per-step read-out ({@link Readout#perStep()}; docs/tasks.md, "Targets"), or null
 */
public record Batch(INDArray x, INDArray drive, INDArray labels, Targets targets) {
    public Batch {
        if (targets != null && !targets.readout().perStep()) throw new IllegalArgumentException("a last-step batch carries one-hot labels, not targets");
    }

    /** A batch of the last-step read-out (the paper's). */
    public Batch(INDArray x, INDArray drive, INDArray labels) { this(x, drive, labels, null); }

    /** The same samples and targets with other inputs and drive (a perturbation). */
    public Batch with(INDArray x, INDArray drive) { return new Batch(x, drive, labels, targets); }

    /** The batch's targets for a per-step read-out; a batch made for another read-out is refused (IllegalArgumentException). */
    public Targets stepTargets(Readout readout) {
        if (targets == null || targets.readout() != readout)
            throw new IllegalArgumentException("this network reads out " + readout.id() + ", and the batch carries "
                    + (targets == null ? "last-step labels" : targets.readout().id() + " targets"));
        return targets;
    }

    /** Whether the batch has something to compare the read-out with. */
    public boolean hasTargets() { return labels != null || targets != null; }

    public int size() { return (int) x.size(0); }
    public int steps() { return (int) x.size(1); }
}
