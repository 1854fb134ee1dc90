package org.neuradapt.network.fused;

/**
 * The read-out shared by all kernels: logits = h_T W_out + b_out, mean softmax
 * cross-entropy over the batch and its gradients.
 */
final class FusedReadout {
    private FusedReadout() {}

    /** logits[B, C] = h[B, N] W_out[N, C] + b_out. */
    static void logits(int B, int N, int C, Buf h, int hOff, Buf wOut, Buf bOut, Buf logits) {
        for (int b = 0; b < B; b++) for (int c = 0; c < C; c++) logits.set(b * C + c, bOut.get(c));
        Blas.gemm(false, false, B, C, N, 1.0, h, hOff, N, wOut, 0, C, 1.0, logits, 0, C);
    }

    /**
     * Sum of the cross-entropies over the B rows divided by norm (the full batch size: a shard
     * of a batch returns its share of the mean); when dLogits is not null it receives
     * (softmax - onehot) / norm.
     */
    static double loss(int B, int C, Buf logits, int[] labels, Buf dLogits, int norm) {
        double total = 0;
        for (int b = 0; b < B; b++) {
            int y = labels[b];
            if (y < 0 || y >= C) throw new IllegalArgumentException("label " + y + " out of range [0, " + C + ")");
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < C; c++) max = Math.max(max, logits.get(b * C + c));
            double sum = 0;
            for (int c = 0; c < C; c++) sum += Math.exp(logits.get(b * C + c) - max);
            double logZ = max + Math.log(sum);
            total += logZ - logits.get(b * C + y);
            if (dLogits != null) {
                for (int c = 0; c < C; c++) {
                    double p = Math.exp(logits.get(b * C + c) - logZ);
                    dLogits.set(b * C + c, (p - (c == y ? 1 : 0)) / norm);
                }
            }
        }
        return total / norm;
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
