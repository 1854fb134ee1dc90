package org.neuradapt.neuron;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The ARUN adaptation controller (docs/science.md section 2): for every neuron i,
 * <pre>
 *   g_t^i = tanh(u_ag a_t^i + W_gg g_{t-1}^i + b_g)     (size M, private state, shared weights)
 *   n_t^i = w_gn . g_t^i + b_n,   s_t^i = w_gs . g_t^i + b_s
 * </pre>
 * Batch-major layout: the states of all B x N neurons form one [B*N, M] matrix, so each step
 * is a single [B*N, M] x [M, M] product. Init: u_ag Kaiming-normal, W_gg Henaff, b_g = 0,
 * w_gn Xavier-normal gain 0.1, w_gs Xavier-normal gain 0.01, b_n = 5 + 2 U(0,1), b_s = 0.
 * Its read-out ({@link ControllerReadout}, docs/science.md section 2.7) is the identity: the
 * first of the ARUN variants, which the built-in fused kernel runs without the read-out layer.
 */
public final class ArunController implements AdaptationController, ControllerReadout {

    public static final String U_AG = "u_ag", W_GG = "W_gg", B_G = "b_g", W_GN = "w_gn", B_N = "b_n", W_GS = "w_gs", B_S = "b_s";

    @Override
    public List<ParamSpec> parameters(int hidden, int m) {
        return List.of(
                new ParamSpec(U_AG, new long[] {m}, Init.kaimingNormal()),
                new ParamSpec(W_GG, new long[] {m, m}, Init.henaff()),
                new ParamSpec(B_G, new long[] {m}, Init.zeros()),
                new ParamSpec(W_GN, new long[] {m, 1}, Init.xavierNormal(0.1)),
                new ParamSpec(B_N, new long[] {1}, Init.initialGain()),
                new ParamSpec(W_GS, new long[] {m, 1}, Init.xavierNormal(0.01)),
                new ParamSpec(B_S, new long[] {1}, Init.zeros()));
    }

    /** (n, s) = (n', s'): the identity Jacobian. */
    @Override
    public void readout(double nLin, double sLin, double[] out) {
        out[0] = nLin;
        out[1] = sLin;
        out[2] = 1;
        out[3] = 0;
        out[4] = 0;
        out[5] = 1;
    }

    @Override
    public Step step(SameDiff sd, SDVariable a, SDVariable g, Map<String, SDVariable> p, int hidden, int m) {
        SDVariable aCol = sd.reshape(a, -1, 1);                       // [B*N, 1]
        SDVariable pre = aCol.mul(p.get(U_AG)).add(p.get(B_G));       // [B*N, M]
        if (g != null) pre = pre.add(g.mmul(p.get(W_GG)));            // g_0 = 0: no recurrent term at t = 1
        SDVariable gNew = sd.math.tanh(pre);
        SDVariable n = sd.reshape(gNew.mmul(p.get(W_GN)), -1, hidden).add(p.get(B_N));
        SDVariable s = sd.reshape(gNew.mmul(p.get(W_GS)), -1, hidden).add(p.get(B_S));
        return new Step(gNew, n, s);
    }
}
