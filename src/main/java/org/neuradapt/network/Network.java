package org.neuradapt.network;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent network with a linear read-out of its last hidden state (docs/science.md section 2),
 * whatever executes it: the generic SameDiff graph or a fused kernel. Both must compute the
 * same numbers for the same parameters; the parameter names and layouts are fixed in
 * {@link Parameters}.
 */
public interface Network {

    /** The built-in model id or "rnn"/"arun" with a user neuron model; see {@code ModelConfig.type}. */
    String modelType();

    /** Which executor runs it: "samediff" (unrolled graph), "samediff_stepped" or "fused". */
    String backend();

    /** Learnable parameters by name, in a fixed order; the arrays are live: changing them changes the model. */
    Map<String, INDArray> parameters();

    /**
     * What the read-out reports (docs/tasks.md, "Targets"): the last step's class (the paper's,
     * and the only one of the SameDiff backends) or a class or values at every step.
     */
    default Readout readout() { return Readout.LAST; }

    /**
     * Forward pass and back-propagation through time: the loss of the read-out (mean cross-entropy;
     * for a per-step read-out the mean over the masked steps), logits and dLoss/dParam for every parameter.
     */
    Gradients lossAndGradients(Batch batch);

    /** Forward pass only: logits [B, C], or [B, T, C] for a per-step read-out (values for {@link Readout#STEP_VALUES}). */
    INDArray logits(Batch batch);

    /**
     * Forward pass that records per-step signals (docs/science.md section 5): any of {@link Signals#NAMES}
     * that this model has. Each result is [B, T, N] (controller states: [B, T, N, M]).
     */
    Map<String, INDArray> record(Batch batch, Set<String> signals);

    /** Names of the signals {@link #record} can return for this model. */
    Set<String> signals();

    /**
     * dLoss/dx [B, T, I] and dLoss/d drive [B, T, N] at the batch (the drive taken as 0 when the
     * batch has none), for gradient checks ({@link GradientCheck}); null when the backend does not
     * compute them (the SameDiff paths).
     */
    default InputGradients inputGradients(Batch batch) { return null; }

    /** Result of {@link #inputGradients}. */
    record InputGradients(INDArray x, INDArray drive) {}

    /** Result of {@link #lossAndGradients}. */
    record Gradients(double loss, INDArray logits, Map<String, INDArray> gradients) {}
}
