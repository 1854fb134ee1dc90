package org.neuradapt.network.fused;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.fused.FusedElmanCell.Slot;
import org.neuradapt.neuron.StatefulLanes;
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
    private double[][] zPrev, zNext, dOut, carry;   // per worker scratch
    private double[][][] dNext;
    private int curOff, curT;
    private Buf curA, curH, curDH;
    private final Par.Body fwd = this::forwardRange, bwd = this::backwardRange;
    /** The model's run-of-neurons form, used with float storage and SIMD (docs/science.md section 10.1); else null. */
    private final StatefulLanes lanes;
    private float[][] thetaF;                                    // [K][N]
    private float[][] lA, lH, lDh, lDa;                          // per worker [N]
    private float[][][] lZ0, lZ1, lDz, lDz0, lDTheta;            // per worker [S][N] ([K][N] for lDTheta)

    FusedStatefulCell(StatefulNeuron model, List<Slot> slots, Buf.Precision precision, boolean vectorized) {
        this.model = model;
        this.lanes = vectorized && precision == Buf.Precision.FLOAT && Simd.available() && model instanceof StatefulLanes l && l.lanesApply() ? l : null;
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
            carry = new double[W][S];
            dNext = new double[W][S][2 + S + K];
        }
        Slot.values(slots, params, theta);
        if (lanes != null) {
            if (thetaF == null || lA.length != W || lA[0].length != N) {
                thetaF = new float[K][N];
                lA = new float[W][N]; lH = new float[W][N]; lDh = new float[W][N]; lDa = new float[W][N];
                lZ0 = new float[W][S][N]; lZ1 = new float[W][S][N]; lDz = new float[W][S][N]; lDz0 = new float[W][S][N];
                lDTheta = new float[W][K][N];
            }
            for (int k = 0; k < K; k++) for (int i = 0; i < N; i++) thetaF[k][i] = (float) theta[i][k];
        }
    }

    @Override
    public void forward(int t, Buf A, int off, Buf H, int hOff, Buf R) {
        curA = A; curH = H; curOff = off; curT = t;
        par.forEach(B, (long) B * N * 8 * S, fwd);
    }

    private void forwardRange(int b0, int b1, int w) {
        if (lanes != null) { forwardLanes(b0, b1, w); return; }
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

    /** forwardRange through the model's {@link StatefulLanes} form: float rows of N neurons per sample. */
    private void forwardLanes(int b0, int b1, int w) {
        final float[] a = lA[w], h = lH[w];
        final float[][] z0 = lZ0[w], z1 = lZ1[w];
        final int BN = B * N, t = curT;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N;
            ((Buf.F) curA).get(o, a, N);
            for (int k = 0; k < S; k++) if (t > 0) ((Buf.F) z[k]).get(o - BN, z0[k], N); else java.util.Arrays.fill(z0[k], 0f);
            lanes.forwardLanes(a, thetaF, z0, h, z1, N);
            ((Buf.F) curH).put(o, h, N);
            for (int k = 0; k < S; k++) ((Buf.F) z[k]).put(o, z1[k], N);
        }
    }

    /** backwardRange through the model's {@link StatefulLanes} form; the step's float dTheta sums go into the double accumulators. */
    private void backwardLanes(int b0, int b1, int w) {
        final float[] a = lA[w], h = lH[w], dh = lDh[w], da = lDa[w];
        final float[][] z0 = lZ0[w], dz1 = lDz[w], dz0 = lDz0[w], dTh = lDTheta[w];
        final int BN = B * N, t = curT;
        final boolean flush = FastMath.flushDenormals;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N, od = b * N;
            ((Buf.F) curA).get(o, a, N);
            ((Buf.F) curH).get(o, h, N);
            ((Buf.F) curDH).get(od, dh, N);
            for (int k = 0; k < S; k++) {
                if (t > 0) ((Buf.F) z[k]).get(o - BN, z0[k], N); else java.util.Arrays.fill(z0[k], 0f);
                ((Buf.F) dz[k]).get(od, dz1[k], N);
            }
            lanes.backwardLanes(a, thetaF, z0, h, dh, dz1, da, dz0, dTh, N);
            if (flush) {
                for (int i = 0; i < N; i++) da[i] = FastMath.flushDenormal(da[i]);
                for (float[] d : dz0) for (int i = 0; i < N; i++) d[i] = FastMath.flushDenormal(d[i]);
            }
            ((Buf.F) curA).put(o, da, N);
            for (int k = 0; k < S; k++) ((Buf.F) dz[k]).put(od, dz0[k], N);
        }
        final double[] dt = dTheta[w];
        for (int k = 0; k < K; k++) {
            float[] g = dTh[k];
            for (int i = 0; i < N; i++) { dt[i * K + k] += g[i]; g[i] = 0f; }
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
        if (lanes != null) { backwardLanes(b0, b1, w); return; }
        final Buf A = curA, H = curH, dH = curDH;
        final double[] zp = zPrev[w], dO = dOut[w], dt = dTheta[w], c = carry[w];
        final double[][] dN = dNext[w];
        final int BN = B * N, t = curT, S = this.S, K = this.K;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N, od = b * N;
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < S; k++) zp[k] = t > 0 ? z[k].get(o + i - BN) : 0.0;
                double a = A.get(o + i), h = H.get(o + i);
                model.outputPartials(a, zp, theta[i], dO);
                model.nextPartials(a, zp, h, theta[i], dN);
                for (int s = 0; s < S; s++) c[s] = dz[s].get(od + i);   // dL/dz_t, read once
                // the new carry dL/dz_{t-1} into zp (free once the partials are taken)
                double da = StatefulNeuron.backwardStep(dO, dN, dH.get(od + i), c, zp, dt, i * K);
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
    public String toString() { return model.name() + (lanes != null ? "(simd)" : "") + "/" + slots; }
}
