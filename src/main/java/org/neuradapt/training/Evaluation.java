package org.neuradapt.training;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.neuradapt.perturbation.Drive;

/** Mean cross-entropy and accuracy of a network on a set, optionally under a drive (SCIENCE.md section 4). */
public record Evaluation(double loss, double accuracy, int count) {

    public static Evaluation of(Network net, SequenceSet set, int batchSize, int classes, int hidden, Drive drive, long seed) {
        int[] order = SequentialMnist.identity(set.count());
        SplittableRandom rng = new SplittableRandom(seed);
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < set.count(); from += batchSize) {
            int to = Math.min(set.count(), from + batchSize);
            float[] d = drive == null || drive == Drive.NONE ? null : drive.sample(to - from, set.steps(), hidden, rng);
            Batch batch = Batches.of(set, order, from, to, classes, d, hidden);
            INDArray logits = net.logits(batch);
            for (int i = 0; i < to - from; i++) {
                int label = set.labels()[from + i];
                loss += crossEntropy(logits, i, label);
                if (argmax(logits, i) == label) correct++;
            }
        }
        return new Evaluation(loss / set.count(), (double) correct / set.count(), set.count());
    }

    /** -log softmax(logits_i)[label], computed stably. */
    static double crossEntropy(INDArray logits, int i, int label) {
        long c = logits.size(1);
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int k = 0; k < c; k++) max = Math.max(max, logits.getDouble(i, k));
        for (int k = 0; k < c; k++) sum += Math.exp(logits.getDouble(i, k) - max);
        return -(logits.getDouble(i, label) - max - Math.log(sum));
    }

    static int argmax(INDArray logits, int i) {
        int best = 0;
        for (int k = 1; k < logits.size(1); k++) if (logits.getDouble(i, k) > logits.getDouble(i, best)) best = k;
        return best;
    }
}
