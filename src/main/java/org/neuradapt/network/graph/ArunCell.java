package org.neuradapt.network.graph;

import org.neuradapt.network.Signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.AdaptationController;
import org.neuradapt.neuron.GammaActivation;
import org.neuradapt.neuron.ParamSpec;

/**
 * Adaptive Recurrent Unit Network (docs/science.md section 2): the Elman pre-activation a_t, a
 * per-neuron {@link AdaptationController} that sets (n_t^i, s_t^i), and h_t^i = gamma(a_t^i; n_t^i, s_t^i).
 */
public final class ArunCell implements RecurrentCell {
    private final int hidden, size;
    private final AdaptationController controller;

    public ArunCell(int hidden, int size, AdaptationController controller) {
        this.hidden = hidden;
        this.size = size;
        this.controller = controller;
    }

    @Override public int hidden() { return hidden; }

    public int controllerSize() { return size; }

    public AdaptationController controller() { return controller; }

    @Override
    public List<ParamSpec> parameters(int inputSize) {
        List<ParamSpec> ps = new ArrayList<>(ElmanCell.inputLayer(inputSize, hidden));
        ps.addAll(controller.parameters(hidden, size));
        return ps;
    }

    @Override public Set<String> signals() { return Set.of(Signals.A, Signals.H, Signals.N, Signals.S, Signals.G); }

    @Override
    public State step(SameDiff sd, SDVariable x, SDVariable drive, State prev, Map<String, SDVariable> p) {
        SDVariable a = ElmanCell.preActivation(x, drive, prev == null ? null : prev.h(), p);
        AdaptationController.Step c = controller.step(sd, a, prev == null ? null : prev.signal(Signals.G), p, hidden, size);
        SDVariable h = GammaActivation.expression(sd, a, c.n(), c.s());
        return new State(h, Map.of(Signals.A, a, Signals.H, h, Signals.N, c.n(), Signals.S, c.s(), Signals.G, c.state()));
    }
}
