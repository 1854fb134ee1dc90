package org.neuradapt.network.fused;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.fused.FusedElmanCell.Slot;
import org.neuradapt.neuron.StatefulNeuron;

/**
 * A layer of neurons with their own state ({@link StatefulNeuron}, docs/science.md section 10.1):
 * h_t = out(a_t, z_{t-1}), z_t = next(a_t, z_{t-1}, h_t), z_0 = 0, per neuron and sample.
 *
 * <p>Forward keeps z_t of every step (S buffers [T, B, N], time-major like the kernel's
 * histories). Backward, for t = T-1 .. 0, with dH = dL/dh_t from the read-out and W_rec and the
 * carry dZ = dL/dz_t from step t+1 (zero at T-1):
 * <pre>
 *   g_h       = dH + sum_i dZ_i dnext_i/dh
 *   dL/da_t   = g_h dout/da + sum_i dZ_i dnext_i/da
 *   dL/dz_{t-1,k} = g_h dout/dz_k + sum_i dZ_i dnext_i/dz_k       (the new carry)
 *   dL/dtheta_j  += g_h dout/dtheta_j + sum_i dZ_i dnext_i/dtheta_j
 * </pre>
 * Arithmetic is double per value; storage float or double as the kernel's. The batch is split
 * over the workers as in {@link FusedElmanCell}.
 */
final class FusedStatefulCell implements FusedCell {
    private final StatefulNeuron model;
    private final List<Slot> slots;
    private final int K, S;
    private final Buf.Precision precision;

    private int B, T, N;
    private Par par;
    private double[][] theta;          // [N][K]
    private double[][] dTheta;         // per worker [N * K]
    private Buf[] z;                   // S buffers [T * B * N]: z_t of every step
    private Buf[] dz;                  // S buffers [B * N]: the carry dL/dz_t
    private double[][] zPrev, zNext, dOut;   // per worker scratch
    private double[][][] dNext;
    private int curOff, curT;
    private Buf curA, curH, curDH;
    private final Par.Body fwd = this::forwardRange, bwd = this::backwardRange;

    FusedStatefulCell(StatefulNeuron model, List<Slot> slots, Buf.Precision precision) {
        this.model = model;
        this.slots = List.copyOf(slots);
        this.K = slots.size();
        this.S = model.stateSize();
        this.precision = precision;
        if (S < 1) throw new IllegalArgumentException(model.name() + " declares no state; implement PointwiseActivation instead");
    }

    @Override
    public List<String> parameterNames() { return Slot.learnedNames(slots); }

    @Override
    public int[] shape(String name, int N) { return Slot.shape(slots, name, N, this); }

    /** The state components, recorded under their own names. */
    @Override
    public Set<String> signals() { return new LinkedHashSet<>(model.stateNames()); }

    @Override
    public double readoutDecay() { return model.readoutDecay(); }

    @Override
    public void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par) {
        if (z == null || B != this.B || T != this.T || N != this.N) {
            z = new Buf[S];
            dz = new Buf[S];
            for (int k = 0; k < S; k++) { z[k] = precision.alloc(T * B * N); dz[k] = precision.alloc(B * N); }
        }
        this.B = B; this.T = T; this.N = N; this.par = par;
        int W = par.workers();
        if (theta == null || theta.length != N || dTheta.length != W) {
            theta = new double[N][K];
            dTheta = new double[W][N * K];
            zPrev = new double[W][S];
            zNext = new double[W][S];
            dOut = new double[W][1 + S + K];
            dNext = new double[W][S][2 + S + K];
        }
        Slot.values(slots, params, theta);
    }

    @Override
    public void forward(int t, Buf A, int off, Buf H, int hOff, Buf R) {
        curA = A; curH = H; curOff = off; curT = t;
        par.forEach(B, (long) B * N * 8 * S, fwd);
    }

    private void forwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH;
        final double[] zp = zPrev[w], zn = zNext[w];
        final int BN = B * N, t = curT;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N;   // p_t, h_t and z_t share the [T, B, N] layout (K = N)
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < S; k++) zp[k] = t > 0 ? z[k].get(o + i - BN) : 0.0;
                double a = A.get(o + i);
                double h = model.output(a, zp, theta[i]);
                model.next(a, zp, h, theta[i], zn);
                H.set(o + i, h);
                for (int k = 0; k < S; k++) z[k].set(o + i, zn[k]);
            }
        }
    }

    @Override
    public void beginBackward() {
        for (double[] d : dTheta) Arrays.fill(d, 0.0);
        for (Buf d : dz) d.zero();
    }

    @Override
    public boolean backward(int t, Buf A, int off, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        curA = A; curH = H; curDH = dH; curOff = off; curT = t;
        par.forEach(B, (long) B * N * 16 * S, bwd);
        return false;
    }

    private void backwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH, dH = curDH;
        final double[] zp = zPrev[w], dO = dOut[w], dt = dTheta[w];
        final double[][] dN = dNext[w];
        final int BN = B * N, t = curT, S = this.S, K = this.K;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N, od = b * N;
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < S; k++) zp[k] = t > 0 ? z[k].get(o + i - BN) : 0.0;
                double a = A.get(o + i), h = H.get(o + i);
                model.outputPartials(a, zp, theta[i], dO);
                model.nextPartials(a, zp, h, theta[i], dN);
                double gh = dH.get(od + i);
                for (int s = 0; s < S; s++) gh += dz[s].get(od + i) * dN[s][1 + S];
                double da = gh * dO[0];
                for (int s = 0; s < S; s++) da += dz[s].get(od + i) * dN[s][0];
                for (int j = 0, q = i * K; j < K; j++) {
                    double g = gh * dO[1 + S + j];
                    for (int s = 0; s < S; s++) g += dz[s].get(od + i) * dN[s][2 + S + j];
                    dt[q + j] += g;
                }
                // the new carry dL/dz_{t-1}: read every old dz_s first, then overwrite
                for (int k = 0; k < S; k++) {
                    double c = gh * dO[1 + k];
                    for (int s = 0; s < S; s++) c += dz[s].get(od + i) * dN[s][1 + k];
                    zp[k] = c;
                }
                for (int k = 0; k < S; k++) dz[k].setGrad(od + i, zp[k]);
                A.setGrad(o + i, da);
            }
        }
    }

    @Override
    public void gradients(Map<String, double[]> out) { Slot.gradients(slots, dTheta, N, out); }

    @Override
    public void record(Set<String> wanted, Map<String, double[]> out) {
        List<String> names = model.stateNames();
        for (int k = 0; k < S; k++)
            if (wanted.contains(names.get(k))) out.put(names.get(k), KernelSupport.toBatchMajor(z[k], T, B, N));
    }

    @Override
    public String toString() { return model.name() + "/" + slots; }
}
