package org.neuradapt.network;

import java.util.Optional;
import org.neuradapt.UserError;
import org.neuradapt.network.fused.FastKernels;
import org.neuradapt.network.fused.FusedKernel;
import org.neuradapt.network.graph.ArunCell;
import org.neuradapt.network.graph.ElmanCell;
import org.neuradapt.network.graph.GruCell;
import org.neuradapt.network.graph.LstmCell;
import org.neuradapt.network.graph.RecurrentCell;
import org.neuradapt.neuron.Activation;
import org.neuradapt.neuron.ActivationFamily;
import org.neuradapt.neuron.AdaptationController;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.PointwiseActivation;
import org.neuradapt.neuron.StatefulNeuron;

/**
 * The recurrent layer a config names, as the neuron model it runs (docs/science.md sections 2 and
 * 10): made once from the config ({@link ModelFactory#layer}), then compiled by a backend, each
 * kind saying which forms it has: {@link #graph} (the SameDiff cell) and {@link #fused} (the fused
 * kernel). Every network, check-model's checks and the config's validation ask the layer model;
 * nothing probes a SameDiff cell for what a neuron implements.
 */
public sealed interface LayerModel {

    /**
     * The SameDiff cell: the network's parameter list in every case (both backends draw the same
     * initial values from it); a graph that can run only when {@link #hasGraphForm()}.
     */
    RecurrentCell cell(int hidden, int ctrl);

    /** Whether the model has a SameDiff form (backend samediff). */
    boolean hasGraphForm();

    /** The fused kernel, when the model has a Java form. */
    Optional<FusedKernel> fused(String id, int hidden, int ctrl, FastKernels.Options options);

    /** Whether {@link #fused} gives a kernel (known without making one). */
    boolean hasFusedForm();

    /** A short description for messages: the neuron model's name. */
    String name();

    /**
     * Refuses (UserError, one line naming the config key) a model whose Java form does not fit a
     * layer of {@code hidden} neurons; none by default.
     */
    default void checkShapes(int hidden, String key) {}

    /**
     * Neurons applying one element-wise activation h = phi(a; theta) (docs/science.md section 2.1):
     * relu, tanh, softplus, gamma, or a user's class with either form or both.
     */
    record Elementwise(ActivationFamily phi) implements LayerModel {
        public RecurrentCell cell(int hidden, int ctrl) { return new ElmanCell(hidden, phi); }

        public boolean hasGraphForm() { return phi instanceof Activation; }

        public boolean hasFusedForm() { return phi instanceof PointwiseActivation; }

        public Optional<FusedKernel> fused(String id, int hidden, int ctrl, FastKernels.Options options) {
            return phi instanceof PointwiseActivation p ? Optional.of(FastKernels.elman(id, hidden, p, options)) : Optional.empty();
        }

        public String name() {
            return phi instanceof PointwiseActivation p ? p.name() : phi.getClass().getSimpleName();
        }

        @Override public void checkShapes(int hidden, String key) {
            if (phi instanceof PointwiseActivation p) shapes(() -> FastKernels.checkShapes(p, hidden), key);
        }
    }

    /** Neurons with their own state (docs/science.md section 10.1): a user's class, lif, alif. Fused only. */
    record Stateful(StatefulNeuron neuron) implements LayerModel {
        /** An Elman cell holding the neuron: its parameter list (it has no graph to build). */
        public RecurrentCell cell(int hidden, int ctrl) { return new ElmanCell(hidden, neuron); }

        public boolean hasGraphForm() { return false; }

        public boolean hasFusedForm() { return true; }

        public Optional<FusedKernel> fused(String id, int hidden, int ctrl, FastKernels.Options options) {
            return Optional.of(FastKernels.stateful(id, hidden, neuron, options));
        }

        public String name() { return neuron.name(); }

        @Override public void checkShapes(int hidden, String key) {
            shapes(() -> FastKernels.checkShapes(neuron, hidden), key);
        }
    }

    /** The ARUN (docs/science.md section 2.2): a controller sets each neuron's (n_t, s_t); built-in or a user's. */
    record Adaptive(AdaptationController controller) implements LayerModel {
        public RecurrentCell cell(int hidden, int ctrl) { return new ArunCell(hidden, ctrl, controller); }

        public boolean hasGraphForm() { return true; }

        public boolean hasFusedForm() { return controller instanceof ControllerReadout; }

        public Optional<FusedKernel> fused(String id, int hidden, int ctrl, FastKernels.Options options) {
            return controller instanceof ControllerReadout psi ? Optional.of(FastKernels.arun(hidden, ctrl, psi, options)) : Optional.empty();
        }

        public String name() { return controller.getClass().getSimpleName(); }
    }

    /** The LSTM or the GRU (docs/science.md section 2.4), by id. */
    record Gated(String id) implements LayerModel {
        public Gated {
            if (!id.equals("lstm") && !id.equals("gru")) throw new IllegalArgumentException("no gated model '" + id + "'; have lstm, gru");
        }

        public RecurrentCell cell(int hidden, int ctrl) { return id.equals("lstm") ? new LstmCell(hidden) : new GruCell(hidden); }

        public boolean hasGraphForm() { return true; }

        public boolean hasFusedForm() { return true; }

        public Optional<FusedKernel> fused(String ignored, int hidden, int ctrl, FastKernels.Options options) {
            return Optional.of(FastKernels.gated(id, hidden, options));
        }

        public String name() { return id; }
    }

    private static void shapes(Runnable check, String key) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new UserError("config key '" + key + "': " + e.getMessage());
        }
    }
}
