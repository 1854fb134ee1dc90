package org.neuradapt.training;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.perturbation.Perturbation;

/** Mean cross-entropy and accuracy of a network on a set, optionally under a perturbation (docs/science.md section 4). */
public record Evaluation(double loss, double accuracy, int count) {

    /**
     * Evaluates {@code net} on {@code set} in batches of {@code batchSize}, each batch perturbed by
     * {@code p} (null means none). One generator seeded by {@code seed} serves the whole pass,
     * batch after batch, so the same (seed, batch size) gives the same stochastic drives (for a
     * single Gaussian drive the values do not even depend on the batch size; see GaussianDrive).
     * A perturbation that changes neither input nor drive passes no drive, as the plain pass does.
     */
    public static Evaluation of(Network net, SequenceSet set, int batchSize, int classes, int hidden, Perturbation p, long seed) {
        int[] order = SequentialMnist.identity(set.count());
        SplittableRandom rng = new SplittableRandom(seed);
        Perturbation perturbation = p == null ? Perturbation.NONE : p;
        if (perturbation.changesDrive() || perturbation.changesInput()) perturbation.id(set.steps());  // a window that does not fit fails before any work
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < set.count(); from += batchSize) {
            int to = Math.min(set.count(), from + batchSize);
            Batch batch = perturbed(Batches.of(set, order, from, to, classes, null, hidden), perturbation, hidden, rng);
            INDArray logits = net.logits(batch);
            for (int i = 0; i < to - from; i++) {
                int label = set.labels()[from + i];
                loss += crossEntropy(logits, i, label);
                if (argmax(logits, i) == label) correct++;
            }
        }
        return new Evaluation(loss / set.count(), (double) correct / set.count(), set.count());
    }

    /**
     * {@code batch} under {@code p}: the inputs are copied only when p changes them, and a drive
     * (the batch's own, or zeros) is made only when p changes it, so an unperturbed batch is
     * returned as it is. Shared by evaluation and training augmentation.
     */
    public static Batch perturbed(Batch batch, Perturbation p, int hidden, SplittableRandom rng) {
        if (!p.changesInput() && !p.changesDrive()) return batch;
        int b = batch.size(), t = batch.steps(), inputs = (int) batch.x().size(2);
        float[] x = p.changesInput() ? batch.x().dup('c').data().asFloat() : null;
        float[] d = !p.changesDrive() ? null
                : batch.drive() == null ? new float[b * t * hidden] : batch.drive().dup('c').data().asFloat();
        p.apply(x, d, new Perturbation.Shape(b, t, inputs, hidden), rng);
        return new Batch(x == null ? batch.x() : Nd4j.createFromArray(x).reshape(b, t, inputs),
                d == null ? batch.drive() : Nd4j.createFromArray(d).reshape(b, t, hidden), batch.labels());
    }

    /** -log softmax(logits_i)[label], computed stably. */
    static double crossEntropy(INDArray logits, int i, int label) {
        long c = logits.size(1);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int k = 0; k < c; k++) max = Math.max(max, logits.getDouble(i, k));
        for (int k = 0; k < c; k++) sum += Math.exp(logits.getDouble(i, k) - max);
        return -(logits.getDouble(i, label) - max - Math.log(sum));
    }

    /** The class of row i's largest logit (the first on a tie). */
    public static int argmax(INDArray logits, int i) {
        int best = 0;
        for (int k = 1; k < logits.size(1); k++) if (logits.getDouble(i, k) > logits.getDouble(i, best)) best = k;
        return best;
    }
}
