package org.neuradapt.network.graph;

import org.neuradapt.network.Signals;

import static org.neuradapt.network.Parameters.B_HH;
import static org.neuradapt.network.Parameters.B_IH;
import static org.neuradapt.network.Parameters.W_HH;
import static org.neuradapt.network.Parameters.W_IH;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.ParamSpec;

/**
 * Standard GRU baseline (PyTorch's formulation), blocks r, z, c:
 * <pre>
 *   r = sigmoid(x W_ir + b_ir + h W_hr + b_hr),  z = sigmoid(x W_iz + b_iz + h W_hz + b_hz)
 *   c = tanh(x W_ic + b_ic + r * (h W_hc + b_hc) + drive_t),  h_t = (1 - z) c + z h_{t-1}
 * </pre>
 * The drive goes to the candidate's pre-activation. Init U(-1/sqrt(N), 1/sqrt(N)).
 */
public final class GruCell implements RecurrentCell {
    private final int hidden;

    public GruCell(int hidden) { this.hidden = hidden; }

    @Override public int hidden() { return hidden; }

    @Override
    public List<ParamSpec> parameters(int inputSize) {
        Init u = GateBlocks.pytorchUniform(hidden);
        return List.of(new ParamSpec(W_IH, new long[] {inputSize, 3L * hidden}, u),
                new ParamSpec(W_HH, new long[] {hidden, 3L * hidden}, u),
                new ParamSpec(B_IH, new long[] {3L * hidden}, u),
                new ParamSpec(B_HH, new long[] {3L * hidden}, u));
    }

    @Override public Set<String> signals() { return Set.of(Signals.A, Signals.H); }

    @Override
    public State step(SameDiff sd, SDVariable x, SDVariable drive, State prev, Map<String, SDVariable> p) {
        SDVariable gi = x.mmul(p.get(W_IH)).add(p.get(B_IH));
        SDVariable gh = prev == null ? null : prev.h().mmul(p.get(W_HH)).add(p.get(B_HH));
        SDVariable[] ghBlock = new SDVariable[3];
        for (int k = 0; k < 3; k++) {
            // h_0 = 0: at the first step the recurrent part of each block is just its bias
            ghBlock[k] = prev == null
                    ? p.get(B_HH).get(SDIndex.interval((long) k * hidden, (long) (k + 1) * hidden))
                    : GateBlocks.block(gh, k, hidden);
        }
        SDVariable r = sd.nn.sigmoid(GateBlocks.block(gi, 0, hidden).add(ghBlock[0]));
        SDVariable z = sd.nn.sigmoid(GateBlocks.block(gi, 1, hidden).add(ghBlock[1]));
        SDVariable cPre = GateBlocks.block(gi, 2, hidden).add(r.mul(ghBlock[2])).add(drive);
        SDVariable c = sd.math.tanh(cPre);
        SDVariable h = z.rsub(1.0).mul(c);
        if (prev != null) h = h.add(z.mul(prev.h()));
        return new State(h, Map.of(Signals.A, cPre, Signals.H, h));
    }
}
