package org.neuradapt.data;

/**
 * The three splits of a sequential-MNIST task (docs/science.md section 3): train and validation both
 * come from the MNIST training file, test from the t10k file. {@code permutation} is the
 * pixel order applied to every sequence (identity for sMNIST), kept so analyses can undo it.
 */
public record TaskData(SequenceSet train, SequenceSet val, SequenceSet test, int[] permutation, int classes) {
}
