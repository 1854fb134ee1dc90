package org.neuradapt.neuron;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of model ids (docs/science.md sections 2 and 10): what {@code model.type} accepts,
 * which execution paths each model has, and which analyses apply to it. Configs, the CLI's
 * refusals, check-model's tests and the analyses read it, so adding a model is adding a row here
 * and its implementation.
 */
public final class ModelRegistry {
    private ModelRegistry() {}

    /** What a model's dynamics offer the analyses (docs/science.md section 5; section 10.6 for the spiking layers). */
    public enum Capability {
        /** one pre-activation a_t per neuron that a drive and a step input enter (fractional order, eigenspectrum of W) */
        PRE_ACTIVATION,
        /** a single elementwise activation with a slope phi'(a) ({@link Model#slope}): Jacobian norm, Lyapunov exponents along trajectories */
        ELEMENTWISE_SLOPE,
        /** the gamma shape (n, s) in the dynamics: the reference Lyapunov protocol */
        GAMMA_SHAPE,
        /** (n_i, s_i) learned per neuron, or (n_t, s_t) set in time: the edge-of-chaos map */
        SHAPE_PER_NEURON,
        /** the ARUN's controller: shape signals, gain scaling, controller PCA, the full Lyapunov spectrum */
        CONTROLLER
    }

    /** How a model's network runs. */
    public enum Paths {
        /** fused kernel and SameDiff graph, held equal by the tests */
        FUSED_AND_SAMEDIFF,
        /** fused kernel only (a neuron with its own state, spiking layers) */
        FUSED_ONLY,
        /** whichever forms the user's class implements */
        USER
    }

    /**
     * One model id.
     *
     * @param id           the value of {@code model.type}
     * @param description  one line for help and docs
     */
    public record Model(String id, String description, Paths paths, ElementwiseSlope slopeOrNull, Set<Capability> capabilities) {
        public Model {
            EnumSet<Capability> c = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
            if (slopeOrNull != null) c.add(Capability.ELEMENTWISE_SLOPE);   // a slope is what the capability means
            capabilities = Set.copyOf(c);
        }

        /** phi'(a) of the model's one elementwise activation, if it has one. */
        public Optional<ElementwiseSlope> slope() { return Optional.ofNullable(slopeOrNull); }

        public boolean has(Capability c) { return capabilities.contains(c); }

        /** A built-in model (every id but rnn, which takes the user's class). */
        public boolean builtIn() { return paths != Paths.USER; }
    }

    private static Model m(String id, String description, Paths paths, ElementwiseSlope slope, Capability... caps) {
        return new Model(id, description, paths, slope, caps.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(caps)));
    }

    private static final Capability PRE = Capability.PRE_ACTIVATION, GAMMA = Capability.GAMMA_SHAPE,
            PER_NEURON = Capability.SHAPE_PER_NEURON, CTRL = Capability.CONTROLLER;

    /** Every model id, in the order of docs/science.md section 2 (then section 10, then the user's rnn). */
    public static final List<Model> MODELS = List.of(
            m("rnn_relu", "Elman RNN, h = relu(a)", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.RELU, PRE),
            m("rnn_tanh", "Elman RNN, h = tanh(a)", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.TANH, PRE),
            m("rnn_softplus", "Elman RNN, h = softplus(a)", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.SOFTPLUS, PRE),
            m("rnn_gamma_fixed", "Elman RNN, h = gamma(a; n, s) with fixed model.n, model.s", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.GAMMA, PRE, GAMMA),
            m("rnn_gamma_hom", "Elman RNN, h = gamma(a; n, s), one learned n and s", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.GAMMA, PRE, GAMMA),
            m("rnn_gamma_het", "Elman RNN, h = gamma(a; n_i, s_i), learned per neuron", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.GAMMA, PRE, GAMMA,
                    PER_NEURON),
            m("arun", "ARUN: a shared recurrent controller sets each neuron's (n_t, s_t)", Paths.FUSED_AND_SAMEDIFF, ElementwiseSlope.GAMMA, PRE, GAMMA,
                    PER_NEURON, CTRL),
            m("lstm", "LSTM", Paths.FUSED_AND_SAMEDIFF, null),
            m("gru", "GRU", Paths.FUSED_AND_SAMEDIFF, null),
            m("lif", "spiking LIF layer, reset by subtraction, pseudo-derivative (model.options)", Paths.FUSED_ONLY, null, PRE),
            m("alif", "spiking ALIF (LSNN) layer: LIF with an adaptive threshold (model.options)", Paths.FUSED_ONLY, null, PRE),
            m("rnn", "Elman RNN with a user neuron model (model.activation: a class)", Paths.USER, null, PRE));

    /** Every id, in order. */
    public static List<String> ids() { return MODELS.stream().map(Model::id).toList(); }

    /** The ids of the models with a capability, in order. */
    public static List<String> ids(Capability c) { return MODELS.stream().filter(x -> x.has(c)).map(Model::id).toList(); }

    /** The built-in ids whose network runs both ways (fused and SameDiff). */
    public static List<String> fusedAndSameDiff() { return MODELS.stream().filter(x -> x.paths() == Paths.FUSED_AND_SAMEDIFF).map(Model::id).toList(); }

    /** The model of an id, if it is one. */
    public static Optional<Model> find(String id) { return MODELS.stream().filter(x -> x.id().equals(id)).findFirst(); }
}
