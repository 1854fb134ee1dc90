package org.neuradapt.network.fused;

import org.neuradapt.neuron.Gamma;
import org.neuradapt.neuron.ClassicActivation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;

/**
 * GRU (Parameters javadoc; docs/science.md section 2 baselines), blocks r, z, c (candidate) of
 * p_t = x_t W_ih + b_ih (+ drive on the candidate, docs/science.md section 4) and of the separate
 * recurrent product q_t = h_{t-1} W_hh + b_hh:
 *
 * <pre>
 *   r = sigmoid(p_r + q_r),  z = sigmoid(p_z + q_z),  c = tanh(p_c + r q_c),
 *   h_t = (1 - z) c + z h_{t-1},   h_0 = 0
 * </pre>
 *
 * Backward: dc = dh (1 - z), dz = dh (h_{t-1} - c), dh_{t-1} (direct) = dh z,
 * dp_c = dc (1 - c^2), dq_c = dp_c r, dr = dp_c q_c, dp_r = dq_r = dr r (1 - r),
 * dp_z = dq_z = dz z (1 - z), db_hh = sum dq. The forward pass overwrites p_t with r, z, c
 * and keeps q_c. In float with SIMD the loops over units run on lanes ({@link VectorGates}),
 * the units left over by the last full vector in the scalar loops below.
 */
final class FusedGruCell implements FusedCell {
    private final Buf.Precision prec;
    private final boolean vectorized;
    private int B, T, N;
    private Buf qc;
    private double[] bhh, dbhh;
    private float[] bhhF, dbStep;   // SIMD path: b_hh in float; one step's b_hh gradient, summed into dbhh

    /** vectorized: SIMD loops ({@link VectorGates}) when the storage is float and {@link Simd#available()}. */
    FusedGruCell(Buf.Precision precision, boolean vectorized) {
        this.prec = precision;
        this.vectorized = vectorized && precision == Buf.Precision.FLOAT && Simd.available();
    }

    @Override public int width() { return 3; }

    @Override public int driveBlock() { return 2; }

    @Override public String inputWeightName() { return Parameters.W_IH; }

    @Override public String recurrentWeightName() { return Parameters.W_HH; }

    @Override public String biasName() { return Parameters.B_IH; }

    @Override public boolean separateRecurrent() { return true; }

    @Override public boolean hasPreActivationSignal() { return false; }

    @Override public List<String> parameterNames() { return List.of(Parameters.B_HH); }

    @Override public int[] shape(String name, int N) { return new int[]{3 * N}; }

    @Override public Set<String> signals() { return Set.of(); }

    @Override
    public void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par) {
        if (B != this.B || T != this.T || N != this.N) {
            this.B = B; this.T = T; this.N = N;
            qc = prec.alloc(T * B * N);
            bhh = new double[3 * N];
            dbhh = new double[3 * N];
            bhhF = new float[3 * N];
            dbStep = new float[3 * N];
        }
        System.arraycopy(params.get(Parameters.B_HH), 0, bhh, 0, 3 * N);
        for (int j = 0; j < 3 * N; j++) bhhF[j] = (float) bhh[j];
    }

    @Override
    public void forward(int t, Buf P, int pOff, Buf H, int hOff, Buf R) {
        final int N = this.N, BN = B * N;
        for (int b = 0; b < B; b++) {
            int pb = pOff + b * 3 * N, qb = b * 3 * N, hb = hOff + b * N;
            int j0 = vectorized ? VectorGates.gruForward(P, pb, R, qb, bhhF, qc, H, hb, t > 0 ? hb - BN : -1, N) : 0;
            for (int j = j0; j < N; j++) {
                double r = Gamma.sigmoid(P.get(pb + j) + R.get(qb + j) + bhh[j]);
                double z = Gamma.sigmoid(P.get(pb + N + j) + R.get(qb + N + j) + bhh[N + j]);
                double q = R.get(qb + 2 * N + j) + bhh[2 * N + j];
                double c = ClassicActivation.tanh(P.get(pb + 2 * N + j) + r * q);
                double hPrev = t > 0 ? H.get(hb - BN + j) : 0.0;
                P.set(pb + j, r); P.set(pb + N + j, z); P.set(pb + 2 * N + j, c);
                qc.set(hb + j, q);
                H.set(hb + j, (1 - z) * c + z * hPrev);
            }
        }
    }

    @Override public void beginBackward() { Arrays.fill(dbhh, 0.0); }

    @Override
    public boolean backward(int t, Buf P, int pOff, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        final int N = this.N, BN = B * N;
        int end = 0;
        if (vectorized) Arrays.fill(dbStep, 0f);
        for (int b = 0; b < B; b++) {
            int pb = pOff + b * 3 * N, qb = b * 3 * N, hb = hOff + b * N, db = b * N;
            int j0 = vectorized ? VectorGates.gruBackward(P, pb, qc, H, hb, t > 0 ? hb - BN : -1, dH, dHprev, dR, qb, db, dbStep, N) : 0;
            end = j0;
            for (int j = j0; j < N; j++) {
                double r = P.get(pb + j), z = P.get(pb + N + j), c = P.get(pb + 2 * N + j);
                double dh = dH.get(db + j), hPrev = t > 0 ? H.get(hb - BN + j) : 0.0;
                double dpc = dh * (1 - z) * (1 - c * c);
                double dpr = dpc * qc.get(hb + j) * r * (1 - r);
                double dpz = dh * (hPrev - c) * z * (1 - z);
                double dqc = dpc * r;
                P.setGrad(pb + j, dpr); P.setGrad(pb + N + j, dpz); P.setGrad(pb + 2 * N + j, dpc);
                dR.setGrad(qb + j, dpr); dR.setGrad(qb + N + j, dpz); dR.setGrad(qb + 2 * N + j, dqc);
                dbhh[j] += dpr; dbhh[N + j] += dpz; dbhh[2 * N + j] += dqc;
                dHprev.setGrad(db + j, dh * z);
            }
        }
        for (int j = 0; j < end; j++) { dbhh[j] += dbStep[j]; dbhh[N + j] += dbStep[N + j]; dbhh[2 * N + j] += dbStep[2 * N + j]; }
        return true;
    }

    @Override public void gradients(Map<String, double[]> out) { out.put(Parameters.B_HH, dbhh.clone()); }

    @Override public void record(Set<String> wanted, Map<String, double[]> out) { }

    @Override public String toString() { return vectorized ? "gru(simd)" : "gru"; }
}
