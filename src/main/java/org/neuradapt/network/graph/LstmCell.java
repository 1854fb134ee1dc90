package org.neuradapt.network.graph;

import org.neuradapt.network.Signals;

import static org.neuradapt.network.Parameters.B;
import static org.neuradapt.network.Parameters.W_HH;
import static org.neuradapt.network.Parameters.W_IH;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.ParamSpec;

/**
 * Standard LSTM baseline (docs/science.md section 2), gates in the order i, f, g, o:
 * <pre>
 *   [i f g o] = x_t W_ih + h_{t-1} W_hh + b;  o += drive_t  (docs/science.md section 4: the drive goes to the output gate)
 *   c_t = sigmoid(f) c_{t-1} + sigmoid(i) tanh(g),   h_t = sigmoid(o) tanh(c_t)
 * </pre>
 * PyTorch's init: every weight and bias U(-1/sqrt(N), 1/sqrt(N)).
 */
public final class LstmCell implements RecurrentCell {
    private final int hidden;

    public LstmCell(int hidden) { this.hidden = hidden; }

    @Override public int hidden() { return hidden; }

    @Override
    public List<ParamSpec> parameters(int inputSize) {
        Init u = GateBlocks.pytorchUniform(hidden);
        return List.of(new ParamSpec(W_IH, new long[] {inputSize, 4L * hidden}, u),
                new ParamSpec(W_HH, new long[] {hidden, 4L * hidden}, u),
                new ParamSpec(B, new long[] {4L * hidden}, u));
    }

    @Override public Set<String> signals() { return Set.of(Signals.A, Signals.H, Signals.C); }

    @Override
    public State step(SameDiff sd, SDVariable x, SDVariable drive, State prev, Map<String, SDVariable> p) {
        SDVariable gates = x.mmul(p.get(W_IH)).add(p.get(B));
        if (prev != null) gates = gates.add(prev.h().mmul(p.get(W_HH)));
        SDVariable i = sd.nn.sigmoid(GateBlocks.block(gates, 0, hidden));
        SDVariable f = sd.nn.sigmoid(GateBlocks.block(gates, 1, hidden));
        SDVariable g = sd.math.tanh(GateBlocks.block(gates, 2, hidden));
        SDVariable oPre = GateBlocks.block(gates, 3, hidden).add(drive);
        SDVariable c = i.mul(g);
        if (prev != null) c = c.add(f.mul(prev.signal(Signals.C)));
        SDVariable h = sd.nn.sigmoid(oPre).mul(sd.math.tanh(c));
        return new State(h, Map.of(Signals.A, oPre, Signals.H, h, Signals.C, c));
    }
}
