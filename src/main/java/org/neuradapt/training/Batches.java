package org.neuradapt.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.network.Batch;

/** Cuts {@link SequenceSet}s into {@link Batch}es (inputs [B, T, I], one-hot labels [B, C]). */
public final class Batches {
    private Batches() {}

    /** The samples {@code order[from..to)} of a set, with an optional drive [B, T, N] (row-major, may be null). */
    public static Batch of(SequenceSet set, int[] order, int from, int to, int classes, float[] drive, int hidden) {
        int b = to - from, per = set.steps() * set.inputSize();
        float[] x = new float[b * per], y = new float[b * classes];
        for (int i = 0; i < b; i++) {
            int s = order[from + i];
            System.arraycopy(set.x(), s * per, x, i * per, per);
            y[i * classes + set.labels()[s]] = 1f;
        }
        INDArray d = drive == null ? null : Nd4j.createFromArray(drive).reshape(b, set.steps(), hidden);
        return new Batch(Nd4j.createFromArray(x).reshape(b, set.steps(), set.inputSize()), d,
                Nd4j.createFromArray(y).reshape(b, classes));
    }
}
