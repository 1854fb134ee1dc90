package org.neuradapt.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.StepTargets;
import org.neuradapt.network.Targets;
import org.neuradapt.network.Batch;

/**
 * Cuts {@link SequenceSet}s into {@link Batch}es: inputs [B, T, I], and one-hot labels [B, C], or
 * for a set with targets at every step its step targets and mask (docs/tasks.md, "Targets").
 */
public final class Batches {
    private Batches() {}

    /** The samples {@code order[from..to)} of a set, with an optional drive [B, T, N] (row-major, may be null). */
    public static Batch of(SequenceSet set, int[] order, int from, int to, int classes, float[] drive, int hidden) {
        int b = to - from, per = set.steps() * set.inputSize();
        float[] x = new float[b * per];
        for (int i = 0; i < b; i++) System.arraycopy(set.x(), order[from + i] * per, x, i * per, per);
        INDArray d = drive == null ? null : Nd4j.createFromArray(drive).reshape(b, set.steps(), hidden);
        INDArray inputs = Nd4j.createFromArray(x).reshape(b, set.steps(), set.inputSize());
        if (set.stepTargets() != null) return new Batch(inputs, d, null, stepTargets(set, order, from, to));
        float[] y = new float[b * classes];
        for (int i = 0; i < b; i++) y[i * classes + set.labels()[order[from + i]]] = 1f;
        return new Batch(inputs, d, Nd4j.createFromArray(y).reshape(b, classes));
    }

    /** The step targets of samples order[from..to), batch-major. */
    private static Targets stepTargets(SequenceSet set, int[] order, int from, int to) {
        StepTargets st = set.stepTargets();
        int b = to - from, T = set.steps(), per = st.perSequence(T);
        int[] classes = st.classes() == null ? null : new int[b * per];
        double[] values = st.values() == null ? null : new double[b * per], mask = st.mask() == null ? null : new double[b * T];
        boolean[] decision = st.decision() == null ? null : new boolean[b * T];
        for (int i = 0; i < b; i++) {
            int s = order[from + i];
            for (int j = 0; j < per; j++) {
                if (classes != null) classes[i * per + j] = st.classes()[s * per + j];
                if (values != null) values[i * per + j] = st.values()[s * per + j];
            }
            if (mask != null) for (int t = 0; t < T; t++) mask[i * T + t] = st.mask()[s * T + t];
            if (decision != null) System.arraycopy(st.decision(), s * T, decision, i * T, T);
        }
        return new Targets(st.readout(), classes, values, mask, decision);
    }
}
