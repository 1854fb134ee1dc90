package org.neuradapt.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A read-out scored against a batch's targets in double precision (docs/tasks.md, "Targets"):
 * the summed loss and its divisor (the sequences, or the weight of the counted steps, times K for
 * values), the summed correct and its divisor (correct is NaN for values: there are no classes;
 * with decision steps marked, the count of decision steps right and of decision steps).
 * The loss is the one the networks differentiate, computed here independently of them: the
 * gradient checks differentiate this one, and evaluation and training report it.
 */
public record Score(double loss, double lossWeight, double correct, double weight) {
    public static final Score ZERO = new Score(0, 0, 0, 0);

    public Score plus(Score o) { return new Score(loss + o.loss, lossWeight + o.lossWeight, correct + o.correct, weight + o.weight); }

    /** Mean cross-entropy per sequence or counted step, or mean squared error per counted step and value. */
    public double meanLoss() { return loss / lossWeight; }

    /** Fraction of sequences, or of counted steps (weighted), whose largest logit is the target class. */
    public double accuracy() { return correct / weight; }

    /** Scores logits ([B, C], or [B, T, C] for a per-step read-out) against the batch's targets. */
    public static Score of(INDArray logits, Batch batch) { return ZERO.plus(logits, batch); }

    /**
     * This score with a batch's added, term by term onto the running sums (so that a set scored
     * batch after batch sums its losses in sample order, whatever the batch size).
     */
    public Score plus(INDArray logits, Batch batch) {
        int b = batch.size();
        double[] z = logits.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (batch.targets() == null) {
            if (batch.labels() == null) throw new IllegalArgumentException("the batch has no targets to score against");
            int C = (int) logits.size(1);
            double[] y = batch.labels().castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double loss = this.loss, correct = this.correct;
            for (int i = 0; i < b; i++) {
                int label = argmax(y, i * C, C);
                loss += crossEntropy(z, i * C, C, label);
                if (argmax(z, i * C, C) == label) correct++;
            }
            return new Score(loss, lossWeight + b, correct, weight + b);
        }
        Targets y = batch.targets();
        int T = batch.steps(), C = (int) logits.size(2);
        boolean values = y.readout() == Readout.STEP_VALUES;
        boolean[] decision = y.decision();
        double loss = this.loss, weight = 0, correct = 0, scored = 0;
        for (int i = 0; i < b; i++) for (int t = 0; t < T; t++) {
            double w = y.weight(i, t, T);
            int r = (i * T + t) * C, step = i * T + t;
            if (!values && decision != null && decision[step]) {   // accuracy on the decision steps, each once
                scored++;
                if (argmax(z, r, C) == y.classes()[step]) correct++;
            }
            if (w == 0) continue;
            weight += w;
            if (values) {
                for (int c = 0; c < C; c++) {
                    double e = z[r + c] - y.values()[r + c];
                    loss += w * e * e;
                }
            } else {
                int cls = y.classes()[step];
                loss += w * crossEntropy(z, r, C, cls);
                if (decision == null && argmax(z, r, C) == cls) { correct += w; }
            }
        }
        if (values) return new Score(loss, lossWeight + weight * C, Double.NaN, this.weight + weight);
        return decision == null ? new Score(loss, lossWeight + weight, this.correct + correct, this.weight + weight)
                : new Score(loss, lossWeight + weight, this.correct + correct, this.weight + scored);
    }

    /** -log softmax(z[off..off+C))[label], computed stably. */
    static double crossEntropy(double[] z, int off, int C, int label) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int k = 0; k < C; k++) max = Math.max(max, z[off + k]);
        for (int k = 0; k < C; k++) sum += Math.exp(z[off + k] - max);
        return -(z[off + label] - max - Math.log(sum));
    }

    /** The index of the largest of z[off..off+C) (the first on a tie). */
    static int argmax(double[] z, int off, int C) {
        int best = 0;
        for (int k = 1; k < C; k++) if (z[off + k] > z[off + best]) best = k;
        return best;
    }
}
