package org.neuradapt.data;

import org.neuradapt.network.Readout;

/**
 * The three splits of a task (docs/science.md section 3 for sequential MNIST: train and validation
 * both come from the MNIST training file, test from the t10k file; docs/tasks.md for the others).
 * {@code permutation} is the order applied to every sequence (identity but for psMNIST), kept so
 * analyses can undo it. {@code classes} is the read-out's width: the classes, or K values per step.
 */
public record TaskData(SequenceSet train, SequenceSet val, SequenceSet test, int[] permutation, int classes) {

    /** What the read-out reports (the same for the three splits). */
    public Readout readout() { return train.readout(); }
}
