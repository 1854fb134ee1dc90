package org.neuradapt.network.fused;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Readout;
import org.neuradapt.network.Targets;

/**
 * A fused recurrent kernel: forward pass, mean softmax cross-entropy of the linear read-out
 * of the last hidden state (logits = h_T W_out + b_out), and hand-written back-propagation
 * through time, over primitive arrays with OpenBLAS products (docs/science.md section 2).
 *
 * <p>Conventions: everything row-major and batch-major. x is [B, T, I]; the optional drive
 * is [B, T, N] (added to the pre-activation a_t, for an LSTM to the output gate's and for a
 * GRU to the candidate's pre-activation; docs/science.md section 4); labels are class indices
 * [B]; parameter and gradient maps are keyed by the names of
 * {@link org.neuradapt.network.Parameters} with the layouts documented there. Recorded
 * signals ({@link org.neuradapt.network.Signals} names) are [B, T, N], the ARUN controller
 * state g is [B, T, N, M].
 *
 * <p>A kernel keeps preallocated work buffers between calls and is not thread-safe: use one
 * instance per thread. {@link #close()} stops its helper threads.
 */
public interface FusedKernel extends AutoCloseable {

    /** The model id (ModelConfig.type), e.g. rnn_gamma_het, arun, lstm. */
    String model();

    /** Hidden size N. */
    int hidden();

    /** Parameter names in a fixed order. */
    List<String> parameterNames();

    /** Shape of every parameter for input size I and C classes. */
    Map<String, int[]> parameterShapes(int inputSize, int classes);

    /** Names of the signals {@link #forward} can record. */
    Set<String> signals();

    /**
     * Forward pass and BPTT: mean cross-entropy over the batch, logits [B, C] and the gradient
     * of the loss with respect to every parameter (same keys and layouts as params).
     */
    default Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] driveOrNull,
                                   int[] labels, Map<String, double[]> params) {
        return forwardBackward(x, batch, steps, inputSize, driveOrNull, labels, params, false);
    }

    /**
     * {@link #forwardBackward}; with inputGradients also dL/dx [B, T, I] and dL/d drive [B, T, N]
     * (batch-major, in {@link Result#signals()} under {@link #INPUT_GRADIENT} and
     * {@link #DRIVE_GRADIENT}), for gradient checks.
     */
    default Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] driveOrNull,
                                   int[] labels, Map<String, double[]> params, boolean inputGradients) {
        if (labels == null) throw new IllegalArgumentException("need " + batch + " labels");
        return forwardBackward(x, batch, steps, inputSize, driveOrNull, Targets.last(labels), params, inputGradients);
    }

    /**
     * {@link #forwardBackward} against the targets of any read-out (docs/tasks.md, "Targets"): for a
     * per-step read-out the logits are [B, T, C] and the loss the mean over the masked steps.
     */
    Result forwardBackward(double[] x, int batch, int steps, int inputSize, double[] driveOrNull,
                           Targets targets, Map<String, double[]> params, boolean inputGradients);

    /** Result.signals() keys of {@link #forwardBackward}'s input gradients. */
    String INPUT_GRADIENT = "dL/dx", DRIVE_GRADIENT = "dL/ddrive";

    /**
     * Forward pass only. With labels the loss is computed too (else NaN); the requested
     * signals (may be empty) are returned in {@link Result#signals()}; gradients are empty.
     */
    default Result forward(double[] x, int batch, int steps, int inputSize, double[] driveOrNull,
                           int[] labelsOrNull, Map<String, double[]> params, Set<String> record) {
        return forward(x, batch, steps, inputSize, driveOrNull, labelsOrNull == null ? Targets.none(Readout.LAST) : Targets.last(labelsOrNull), params, record);
    }

    /**
     * {@link #forward} for any read-out: targets says which ({@link Targets#none} for no loss);
     * for a per-step read-out the logits are [B, T, C].
     */
    Result forward(double[] x, int batch, int steps, int inputSize, double[] driveOrNull,
                   Targets targets, Map<String, double[]> params, Set<String> record);

    @Override
    void close();

    /** Loss (NaN without targets), logits [B, C] (per-step read-out: [B, T, C]), gradients by parameter name, recorded signals by name. */
    record Result(double loss, double[] logits, Map<String, double[]> gradients, Map<String, double[]> signals) {}
}
