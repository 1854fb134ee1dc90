package org.neuradapt.training;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.neuradapt.network.Score;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.perturbation.Perturbation;

/**
 * Loss and accuracy of a network on a set, optionally under a perturbation (docs/science.md
 * section 4). The loss is the training loss of the task's read-out (docs/tasks.md, "Targets"):
 * mean cross-entropy per sequence, or per counted step; mean squared error per counted step and
 * output for continuous targets, whose accuracy is NaN (there are no classes to get right).
 * Accuracy is per sequence, or per counted step (weighted by the mask) for a per-step read-out.
 */
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
        Score total = Score.ZERO;
        for (int from = 0; from < set.count(); from += batchSize) {
            int to = Math.min(set.count(), from + batchSize);
            Batch batch = perturbed(Batches.of(set, order, from, to, classes, null, hidden), perturbation, hidden, rng);
            total = total.plus(net.logits(batch), batch);
        }
        return new Evaluation(total.meanLoss(), total.accuracy(), set.count());
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
        return batch.with(x == null ? batch.x() : Nd4j.createFromArray(x).reshape(b, t, inputs),
                d == null ? batch.drive() : Nd4j.createFromArray(d).reshape(b, t, hidden));
    }

    /** The class of row i's largest logit (the first on a tie). */
    public static int argmax(INDArray logits, int i) {
        int best = 0;
        for (int k = 1; k < logits.size(1); k++) if (logits.getDouble(i, k) > logits.getDouble(i, best)) best = k;
        return best;
    }
}
