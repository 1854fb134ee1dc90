package org.neuradapt.analysis;

import java.util.Optional;
import org.neuradapt.neuron.Gamma;

/**
 * phi'(a) of the built-in Elman and ARUN activations (docs/science.md sections 2.1, 5.5 and 5.6),
 * the diagonal of the h-only Jacobian J_t = diag(phi'(a_t)) W^T. For gamma, (n, s) are the
 * neuron's shape parameters at that step (learned, fixed, or the ARUN's n_t, s_t taken as given);
 * the other activations ignore them.
 */
public enum ActivationSlope {
    /** 1 where a &gt; 0, else 0 (the derivative at 0 taken as 0, as the models' ReLU has it). */
    RELU,
    TANH,
    /** softplus(a) = log(1 + e^a), slope sigmoid(a). */
    SOFTPLUS,
    /** {@link Gamma#dx}. */
    GAMMA;

    public double at(double a, double n, double s) {
        return switch (this) {
            case RELU -> a > 0 ? 1 : 0;
            case TANH -> {
                double t = Math.tanh(a);
                yield 1 - t * t;
            }
            case SOFTPLUS -> Gamma.sigmoid(a);
            case GAMMA -> Gamma.dx(a, n, s);
        };
    }

    /** The slope of a built-in model id, empty for models without a single elementwise activation (lstm, gru, user rnn). */
    public static Optional<ActivationSlope> of(String model) {
        return switch (model) {
            case "rnn_relu" -> Optional.of(RELU);
            case "rnn_tanh" -> Optional.of(TANH);
            case "rnn_softplus" -> Optional.of(SOFTPLUS);
            case "rnn_gamma_fixed", "rnn_gamma_hom", "rnn_gamma_het", "arun" -> Optional.of(GAMMA);
            default -> Optional.empty();
        };
    }

    /** The models {@link #of} knows, for refusal messages. */
    public static final java.util.List<String> MODELS = org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.ELEMENTWISE_SLOPE);
}
