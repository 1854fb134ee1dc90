package org.neuradapt.network.fused;

import org.neuradapt.network.Readout;
import org.neuradapt.network.Targets;

/**
 * The read-out shared by all kernels (docs/science.md section 2.4): logits = h W_out + b_out for
 * the rows of h given (the last step's states, or every step's), the loss of the task's
 * {@link Readout} and its gradients.
 */
final class FusedReadout {
    private FusedReadout() {}

    /** logits[B, C] = h[B, N] W_out[N, C] + b_out (B: any number of rows, e.g. T * B for every step). */
    static void logits(int B, int N, int C, Buf h, int hOff, Buf wOut, Buf bOut, Buf logits) {
        for (int b = 0; b < B; b++) for (int c = 0; c < C; c++) logits.set(b * C + c, bOut.get(c));
        Blas.gemm(false, false, B, C, N, 1.0, h, hOff, N, wOut, 0, C, 1.0, logits, 0, C);
    }

    /**
     * Sum of the cross-entropies over the B rows divided by norm (the full batch size: a shard
     * of a batch returns its share of the mean); when dLogits is not null it receives
     * (softmax - onehot) / norm.
     */
    static double loss(int B, int C, Buf logits, int[] labels, Buf dLogits, double norm) {
        double total = 0;
        for (int b = 0; b < B; b++) {
            int y = labels[b];
            if (y < 0 || y >= C) throw new IllegalArgumentException("label " + y + " out of range [0, " + C + ")");
            total += crossEntropy(logits, b * C, C, y, 1, dLogits, norm);
        }
        return total / norm;
    }

    /**
     * w times the softmax cross-entropy of logits row [r, r + C) against class y, computed stably;
     * when dLogits is not null its row receives w (softmax - onehot) / scale.
     */
    private static double crossEntropy(Buf logits, int r, int C, int y, double w, Buf dLogits, double scale) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < C; c++) max = Math.max(max, logits.get(r + c));
        for (int c = 0; c < C; c++) sum += Math.exp(logits.get(r + c) - max);
        double logZ = max + Math.log(sum);
        if (dLogits != null)
            for (int c = 0; c < C; c++) dLogits.set(r + c, w * (Math.exp(logits.get(r + c) - logZ) - (c == y ? 1 : 0)) / scale);
        return w * (logZ - logits.get(r + y));
    }

    /**
     * The loss of a per-step read-out (docs/tasks.md, "Targets") over time-major rows r = t B + b of
     * logits [T * B, C]: sum_{b,t} w_bt l_bt / norm, with l the cross-entropy of the step's class
     * ({@link Readout#STEP_CLASSES}) or the squared error summed over the C values
     * ({@link Readout#STEP_VALUES}), and w the mask. When dLogits is not null it receives
     * w (softmax - onehot) / norm, or 2 w (y - target) / norm; steps of weight 0 get 0.
     */
    static double stepLoss(int B, int T, int C, Buf logits, Targets y, Buf dLogits, double norm) {
        double total = 0, scale = norm > 0 ? norm : 1;   // a batch whose mask weighs no step: loss 0, no gradient
        boolean classes = y.readout() == Readout.STEP_CLASSES;
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) {
            int r = (t * B + b) * C, target = b * T + t;
            double w = y.weight(b, t, T);
            if (w == 0) {
                if (dLogits != null) for (int c = 0; c < C; c++) dLogits.set(r + c, 0);
                continue;
            }
            if (classes) {
                total += crossEntropy(logits, r, C, y.classes()[target], w, dLogits, scale);
            } else {
                for (int c = 0; c < C; c++) {
                    double e = logits.get(r + c) - y.values()[target * C + c];
                    total += w * e * e;
                    if (dLogits != null) dLogits.set(r + c, 2 * w * e / scale);
                }
            }
        }
        return total / scale;
    }

    /** dW_out = h^T dLogits, db_out = column sums, dh = dLogits W_out^T (overwritten). */
    static void backward(int B, int N, int C, Buf h, int hOff, Buf wOut, Buf dLogits,
                         Buf dWOut, Buf dBOut, Buf dh, int dhOff) {
        Blas.gemm(true, false, N, C, B, 1.0, h, hOff, N, dLogits, 0, C, 0.0, dWOut, 0, C);
        for (int c = 0; c < C; c++) {
            double s = 0;
            for (int b = 0; b < B; b++) s += dLogits.get(b * C + c);
            dBOut.set(c, s);
        }
        Blas.gemm(false, true, B, N, C, 1.0, dLogits, 0, C, wOut, 0, C, 0.0, dh, dhOff, N);
    }
}
