package org.neuradapt.network.graph;

import org.neuradapt.network.Signals;

import static org.neuradapt.network.Parameters.B;
import static org.neuradapt.network.Parameters.U;
import static org.neuradapt.network.Parameters.W;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.Activation;
import org.neuradapt.neuron.ActivationFamily;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.ParamSpec;

/**
 * Elman RNN (docs/science.md section 2): a_t = U x_t + W h_{t-1} + b (+ drive_t), h_t = phi(a_t), h_0 = 0.
 * phi is any {@link Activation} (or another {@link ActivationFamily}, whose graph cannot be built); U Kaiming-normal, W Henaff, b = 0.
 */
public final class ElmanCell implements RecurrentCell {
    private final int hidden;
    private final ActivationFamily phi;

    /** phi: any activation family; building the graph ({@link #step}) needs its SameDiff form ({@link Activation}). */
    public ElmanCell(int hidden, ActivationFamily phi) {
        this.hidden = hidden;
        this.phi = phi;
    }

    public ActivationFamily activation() { return phi; }

    @Override public int hidden() { return hidden; }

    @Override
    public List<ParamSpec> parameters(int inputSize) {
        List<ParamSpec> ps = new ArrayList<>(inputLayer(inputSize, hidden));
        ps.addAll(phi.parameters(hidden));
        return ps;
    }

    /** U, W, b of a_t: shared by the Elman RNN and the ARUN. */
    static List<ParamSpec> inputLayer(int inputSize, int hidden) {
        return List.of(new ParamSpec(U, new long[] {inputSize, hidden}, Init.kaimingNormal()),
                new ParamSpec(W, new long[] {hidden, hidden}, Init.henaff()),
                new ParamSpec(B, new long[] {hidden}, Init.zeros()));
    }

    /** a_t = x_t U + h_{t-1} W + b + drive_t (row-vector convention, h_0 = 0). */
    static SDVariable preActivation(SDVariable x, SDVariable drive, SDVariable hPrev, Map<String, SDVariable> p) {
        SDVariable a = x.mmul(p.get(U)).add(p.get(B)).add(drive);
        return hPrev == null ? a : a.add(hPrev.mmul(p.get(W)));
    }

    @Override public Set<String> signals() { return Set.of(Signals.A, Signals.H); }

    @Override
    public State step(SameDiff sd, SDVariable x, SDVariable drive, State prev, Map<String, SDVariable> p) {
        SDVariable a = preActivation(x, drive, prev == null ? null : prev.h(), p);
        if (!(phi instanceof Activation form))
            throw new IllegalStateException(phi.getClass().getName() + " has no SameDiff form (it does not implement " + Activation.class.getName() + ")");
        SDVariable h = form.apply(sd, a, p);
        return new State(h, Map.of(Signals.A, a, Signals.H, h));
    }
}
