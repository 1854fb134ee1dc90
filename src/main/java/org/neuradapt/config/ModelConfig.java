package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code model:} section of a run config. Every field is described once, here. */
public record ModelConfig(
        @JsonPropertyDescription("model identifier: rnn_relu, rnn_tanh, rnn_softplus, rnn_gamma_fixed, rnn_gamma_hom, rnn_gamma_het, arun, lstm, gru, lif, alif (spiking, trained with a pseudo-derivative; their options in docs/spiking.md), or rnn (with 'activation')")
        String type,
        @JsonPropertyDescription("number of recurrent neurons N (> 0)")
        int hidden,
        @JsonPropertyDescription("ARUN controller size M (> 0); only for arun")
        int ctrl,
        @JsonPropertyDescription("fixed gain n of rnn_gamma_fixed (> 0)")
        double n,
        @JsonPropertyDescription("fixed saturation s of rnn_gamma_fixed, in [0, 1]")
        double s,
        @JsonPropertyDescription("activation family for type rnn: a built-in id (relu, tanh, softplus, gamma_fixed, gamma_hom, gamma_het) or a class name implementing org.neuradapt.neuron.Activation, PointwiseActivation or StatefulNeuron")
        String activation,
        @JsonPropertyDescription("adaptation controller for arun: 'arun' (built-in) or a class name implementing org.neuradapt.neuron.AdaptationController")
        String controller,
        @JsonPropertyDescription("numeric options: of lif and alif (tau_m, tau_a, beta, threshold, surrogate_scale, surrogate_width, refractory, learn_tau, readout_tau), or handed to a user activation or controller constructor taking Map<String, Double>")
        Map<String, Double> options,
        @JsonPropertyDescription("execution path: auto (fast kernel when one exists, else SameDiff), samediff (force SameDiff: the graph unrolled over T steps up to T = 64, one step graph run T times above), samediff_unrolled, samediff_stepped (force either SameDiff form)")
        String backend,
        @JsonProperty("bptt_checkpoint")
        @JsonPropertyDescription("fused ARUN kernel: keep the controller state every k steps and recompute the rest during BPTT; 0 = automatic (everything while it fits 1 GiB, else k ~ sqrt(T))")
        int bpttCheckpoint,
        @JsonProperty("init_shape")
        @JsonPropertyDescription("biologically initialised rnn_gamma_het: each neuron's initial (n_i, s_i) from the gamma fits of a mix of spiking neuron types (docs/science.md section 9.2)")
        InitShapeConfig initShape) {

    /** A model config with automatic BPTT checkpointing. */
    public ModelConfig(String type, int hidden, int ctrl, double n, double s, String activation, String controller,
                       Map<String, Double> options, String backend) {
        this(type, hidden, ctrl, n, s, activation, controller, options, backend, 0);
    }

    /** A model config with the paper's initial shapes (no {@code init_shape}). */
    public ModelConfig(String type, int hidden, int ctrl, double n, double s, String activation, String controller,
                       Map<String, Double> options, String backend, int bpttCheckpoint) {
        this(type, hidden, ctrl, n, s, activation, controller, options, backend, bpttCheckpoint, InitShapeConfig.NONE);
    }

    /**
     * The name results are grouped and drawn under: the model id; for {@code rnn} with a user's
     * class, "rnn:" and the class's simple name (rnn:AdaptationCurrent), and for an ARUN variant
     * "arun:" and its controller's, so that two different user models never pool as one model's
     * seeds in the robustness experiment or the training curves.
     */
    public String label() {
        if ("rnn".equals(type) && activation != null && !activation.isBlank()) return "rnn:" + activation.substring(activation.lastIndexOf('.') + 1);
        if ("arun".equals(type) && controller != null && !controller.isBlank() && !controller.equals("arun"))
            return "arun:" + controller.substring(controller.lastIndexOf('.') + 1);
        return type;
    }

    /** The same model with another {@code init_shape} section. */
    public ModelConfig withInitShape(InitShapeConfig section) {
        return new ModelConfig(type, hidden, ctrl, n, s, activation, controller, options, backend, bpttCheckpoint, section);
    }

    /** Copies {@code options} into an unmodifiable map (null means none) so a resolved config cannot change under a run. */
    public ModelConfig {
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        initShape = initShape == null ? InitShapeConfig.NONE : initShape;
    }
}
