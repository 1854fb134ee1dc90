package org.neuradapt.network.fused;

import org.neuradapt.neuron.Gamma;
import org.neuradapt.neuron.ClassicActivation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/**
 * LSTM (standard equations, docs/science.md section 2 baselines), gate blocks i, f, g, o of
 * p_t = x_t W_ih + h_{t-1} W_hh + b (+ drive on the output gate, docs/science.md section 4):
 *
 * <pre>
 *   i = sigmoid(p_i), f = sigmoid(p_f), g = tanh(p_g), o = sigmoid(p_o)
 *   c_t = f c_{t-1} + i g,   h_t = o tanh(c_t),   c_0 = h_0 = 0
 * </pre>
 *
 * Backward: do = dh tanh(c), dc = dc_carry + dh o (1 - tanh(c)^2), di = dc g, dg = dc i,
 * df = dc c_{t-1}, dc_carry = dc f, and dp through the gate derivatives. The forward pass
 * overwrites p_t with the gate values; c_t and tanh(c_t) are kept. In float with SIMD the
 * loops over units run on lanes ({@link VectorGates}), the units left over by the last full
 * vector in the scalar loops below.
 */
final class FusedLstmCell implements FusedCell {
    private final Buf.Precision prec;
    private final boolean vectorized;
    private int B, T, N;
    private Buf c, tc, dc;

    /** vectorized: SIMD loops ({@link VectorGates}) when the storage is float and {@link Simd#available()}. */
    FusedLstmCell(Buf.Precision precision, boolean vectorized) {
        this.prec = precision;
        this.vectorized = vectorized && precision == Buf.Precision.FLOAT && Simd.available();
    }

    @Override public int width() { return 4; }

    @Override public int driveBlock() { return 3; }

    @Override public String inputWeightName() { return Parameters.W_IH; }

    @Override public String recurrentWeightName() { return Parameters.W_HH; }

    @Override public String biasName() { return Parameters.B; }

    @Override public boolean hasPreActivationSignal() { return false; }

    @Override public List<String> parameterNames() { return List.of(); }

    @Override public int[] shape(String name, int N) { throw new IllegalArgumentException(name); }

    @Override public Set<String> signals() { return Set.of(Signals.C); }

    @Override
    public void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par) {
        if (B != this.B || T != this.T || N != this.N) {
            this.B = B; this.T = T; this.N = N;
            c = prec.alloc(T * B * N);
            tc = prec.alloc(T * B * N);
            dc = prec.alloc(B * N);
        }
    }

    private static double sigmoid(double z) { return Gamma.sigmoid(z); }

    @Override
    public void forward(int t, Buf P, int pOff, Buf H, int hOff, Buf R) {
        final int N = this.N, BN = B * N;
        for (int b = 0; b < B; b++) {
            int pb = pOff + b * 4 * N, hb = hOff + b * N;
            int j0 = vectorized ? VectorGates.lstmForward(P, pb, c, tc, H, hb, t > 0 ? hb - BN : -1, N) : 0;
            for (int j = j0; j < N; j++) {
                double i = sigmoid(P.get(pb + j)), f = sigmoid(P.get(pb + N + j));
                double g = ClassicActivation.tanh(P.get(pb + 2 * N + j)), o = sigmoid(P.get(pb + 3 * N + j));
                double cPrev = t > 0 ? c.get(hb - BN + j) : 0.0;
                double ct = f * cPrev + i * g, tct = ClassicActivation.tanh(ct);
                P.set(pb + j, i); P.set(pb + N + j, f); P.set(pb + 2 * N + j, g); P.set(pb + 3 * N + j, o);
                c.set(hb + j, ct);
                tc.set(hb + j, tct);
                H.set(hb + j, o * tct);
            }
        }
    }

    @Override public void beginBackward() { dc.zero(); }

    @Override
    public boolean backward(int t, Buf P, int pOff, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        final int N = this.N, BN = B * N;
        for (int b = 0; b < B; b++) {
            int pb = pOff + b * 4 * N, hb = hOff + b * N, db = b * N;
            int j0 = vectorized ? VectorGates.lstmBackward(P, pb, c, tc, hb, t > 0 ? hb - BN : -1, dH, dc, db, N) : 0;
            for (int j = j0; j < N; j++) {
                double i = P.get(pb + j), f = P.get(pb + N + j), g = P.get(pb + 2 * N + j), o = P.get(pb + 3 * N + j);
                double tct = tc.get(hb + j), dh = dH.get(db + j);
                double cPrev = t > 0 ? c.get(hb - BN + j) : 0.0;
                double dct = dc.get(db + j) + dh * o * (1 - tct * tct);
                double dO = dh * tct, dI = dct * g, dG = dct * i, dF = dct * cPrev;
                dc.setGrad(db + j, dct * f);
                P.setGrad(pb + j, dI * i * (1 - i));
                P.setGrad(pb + N + j, dF * f * (1 - f));
                P.setGrad(pb + 2 * N + j, dG * (1 - g * g));
                P.setGrad(pb + 3 * N + j, dO * o * (1 - o));
            }
        }
        return false;
    }

    @Override public void gradients(Map<String, double[]> out) { }

    @Override
    public void record(Set<String> wanted, Map<String, double[]> out) {
        if (wanted.contains(Signals.C)) out.put(Signals.C, KernelSupport.toBatchMajor(c, T, B, N));
    }

    @Override public String toString() { return vectorized ? "lstm(simd)" : "lstm"; }
}
