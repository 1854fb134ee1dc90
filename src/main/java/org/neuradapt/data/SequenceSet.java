package org.neuradapt.data;

/**
 * A set of labelled sequences held as one row-major float array:
 * {@code x[(i * steps + t) * inputSize + k]} is input k of sample i at step t.
 */
public record SequenceSet(float[] x, int[] labels, int count, int steps, int inputSize) {
    public SequenceSet {
        if (x.length != (long) count * steps * inputSize)
            throw new IllegalArgumentException("x has " + x.length + " values, expected " + count + "x" + steps + "x" + inputSize);
        if (labels.length != count)
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected " + count);
    }
}
