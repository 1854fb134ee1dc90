package org.neuradapt.network.fused;

import org.neuradapt.neuron.Gamma;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/**
 * The ARUN neuron (docs/science.md section 2): every neuron r = (b, i) has a private controller
 * state g^r of size M with shared weights,
 *
 * <pre>
 *   g_t = tanh(a_t u_ag + g_{t-1} W_gg + b_g)      (one [M, M] x [M, B*N] GEMM per step)
 *   n_t = g_t . w_gn + b_n,   s_t = g_t . w_gs + b_s
 *   h_t = gamma(a_t; n_t, s_t),   g_0 = 0
 * </pre>
 *
 * Backward at step t (dg carried from step t+1 as dz_{t+1} W_gg^T):
 * dn = dh gamma_n, ds = dh gamma_s, dg = carry + dn w_gn + ds w_gs, dz = dg (1 - g_t^2),
 * da = dh gamma_a + dz . u_ag, dW_gg += g_{t-1}^T dz, carry = dz W_gg^T.
 *
 * <p>Layout: controller states are unit-major, [M, R] with R = B N (see
 * {@link ControllerRows}), so the GEMMs are Z = W_gg^T G_{t-1}, dW_gg += G_{t-1} dZ^T and
 * carry = W_gg dZ, and the element-wise loops run along contiguous neurons. The loops over
 * units are a {@link ControllerRows}: SIMD in float when available, else scalar.
 *
 * <p>Memory: the controller history [T+1, M, B*N] is stored at every {@code k}-th state
 * only (checkpoints); the backward pass recomputes the states inside each segment from its
 * checkpoint using the stored a_t (about one extra controller forward pass). k = T stores
 * everything; k = 0 picks k = T when the history fits the byte budget, else about sqrt(T).
 */
final class FusedArunCell implements FusedCell {
    private final int M;
    private final int checkpointEvery;
    private final long historyBudgetBytes;
    private final boolean vectorized;
    private final Buf.Precision prec;
    private final java.util.function.UnaryOperator<ControllerRows> rowsLayer;

    private int B, T, N, R, k;
    private boolean pingPong, caching;
    private Buf[] ckpt, work, pp;
    private Buf nHist, sHist, sgHist, spHist, dZ, carry, wgg, dWgg;
    private double[] dN, dS, dA;   // per neuron at the current step: dL/dn_t, dL/ds_t, dL/da_t through gamma
    private ControllerRows rows;
    private double bn, bs;
    private final double[] gc = new double[2], partials = new double[3], dbns = new double[2];

    /**
     * vectorized: use the SIMD controller loops ({@link VectorControllerRows}) when the storage
     * is float and {@link Simd#available()}; otherwise the scalar ones.
     */
    FusedArunCell(int ctrl, int checkpointEvery, long historyBudgetBytes, Buf.Precision precision, boolean vectorized) {
        this(ctrl, checkpointEvery, historyBudgetBytes, precision, vectorized, java.util.function.UnaryOperator.identity());
    }

    /** rowsLayer: wraps the controller loops (a user's read-out: {@link ReadoutArunCell}). */
    FusedArunCell(int ctrl, int checkpointEvery, long historyBudgetBytes, Buf.Precision precision, boolean vectorized,
                  java.util.function.UnaryOperator<ControllerRows> rowsLayer) {
        this.rowsLayer = rowsLayer;
        if (ctrl <= 0) throw new IllegalArgumentException("controller size must be > 0");
        this.prec = precision;
        this.vectorized = vectorized && precision == Buf.Precision.FLOAT && Simd.available();
        this.M = ctrl;
        this.checkpointEvery = checkpointEvery;
        this.historyBudgetBytes = historyBudgetBytes;
        wgg = prec.alloc(M * M);
        dWgg = prec.alloc(M * M);
    }

    int ctrl() { return M; }

    /** The checkpoint interval in use after the last prepare. */
    int checkpointInterval() { return k; }

    @Override
    public List<String> parameterNames() {
        return List.of(Parameters.U_AG, Parameters.W_GG, Parameters.B_G, Parameters.W_GN, Parameters.B_N,
                Parameters.W_GS, Parameters.B_S);
    }

    @Override
    public int[] shape(String name, int N) {
        return switch (name) {
            case Parameters.W_GG -> new int[]{M, M};
            case Parameters.B_N, Parameters.B_S -> new int[]{1};
            default -> new int[]{M};
        };
    }

    @Override
    public Set<String> signals() { return Set.of(Signals.N, Signals.S, Signals.G); }

    @Override
    public void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par) {
        long stateBytes = (long) B * N * M * (prec == Buf.Precision.DOUBLE ? 8 : 4);
        int kk;
        boolean ping = false;
        if (keepAll) kk = T;
        else if (!backward) { kk = T; ping = true; }      // plain forward: two states suffice
        else if (checkpointEvery > 0) kk = Math.min(checkpointEvery, T);
        else if ((T + 1) * stateBytes <= historyBudgetBytes) kk = T;
        else kk = Math.max(1, Math.min(T, (int) Math.ceil(Math.sqrt(T))));
        if (B != this.B || T != this.T || N != this.N || kk != this.k || ping != this.pingPong) {
            this.B = B; this.T = T; this.N = N; this.R = B * N; this.k = kk; this.pingPong = ping;
            ckpt = work = pp = null;
            dZ = carry = null;
            if (ping) {
                pp = new Buf[]{prec.alloc(R * M), prec.alloc(R * M)};
            } else {
                ckpt = new Buf[T / k + 1];
                for (int j = 0; j < ckpt.length; j++) ckpt[j] = prec.alloc(R * M);
                work = new Buf[k - 1];
                for (int j = 0; j < work.length; j++) work[j] = prec.alloc(R * M);
            }
            nHist = prec.alloc(T * R); sHist = prec.alloc(T * R);
            sgHist = spHist = null;
            rows = rowsLayer.apply(vectorized ? new VectorControllerRows(M) : new ScalarControllerRows(M));
        }
        if (backward && dZ == null) {
            dZ = prec.alloc(R * M); carry = prec.alloc(R * M);
            dN = new double[R]; dS = new double[R]; dA = new double[R];
            sgHist = prec.alloc(T * R); spHist = prec.alloc(T * R);   // sigmoid(n a), guarded softplus(n a)/n
        }
        caching = backward;
        rows.setParameters(params.get(Parameters.U_AG), params.get(Parameters.B_G), params.get(Parameters.W_GN),
                params.get(Parameters.W_GS));
        wgg.copyFrom(params.get(Parameters.W_GG));
        bn = params.get(Parameters.B_N)[0];
        bs = params.get(Parameters.B_S)[0];
        state(0).zero();
    }

    private Buf state(int j) {
        if (pingPong) return pp[j & 1];
        return j % k == 0 ? ckpt[j / k] : work[j % k - 1];
    }

    @Override
    public void forward(int t, Buf A, int off, Buf H, int hOff, Buf unused) {
        step(t, A, off);
        // h_t = gamma(a_t; n_t, s_t), saving sigmoid(n a) and softplus(n a)/n for BPTT
        final int tR = t * R;
        int r0 = vectorized ? VectorGamma.forward(A, off, nHist, sHist, tR, H, caching ? sgHist : null, spHist, tR, R) : 0;
        for (int r = r0; r < R; r++) {
            double a = A.get(off + r), n = nHist.get(tR + r), s = sHist.get(tR + r);
            if (caching) {
                H.set(off + r, Gamma.forward(a, n, s, gc));
                sgHist.set(tR + r, gc[0]);
                spHist.set(tR + r, gc[1]);
            } else {
                H.set(off + r, Gamma.value(a, n, s));
            }
        }
    }

    /** Controller step t: state(t+1), n_t and s_t from state(t) and a_t = A[off, off + R). */
    private void step(int t, Buf A, int off) {
        Buf next = state(t + 1);
        if (t == 0) next.zero();
        else Blas.gemm(true, false, M, R, M, 1.0, wgg, 0, M, state(t), 0, R, 0.0, next, 0, R);
        rows.forward(next, R, 0, R, A, off, nHist, sHist, t * R, bn, bs);
    }

    @Override
    public void beginBackward() {
        Arrays.fill(dbns, 0.0);
        rows.beginBackward();
        dWgg.zero();
        carry.zero();
    }

    @Override
    public boolean backward(int t, Buf A, int off, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        if (t < T - 1 && (t + 1) % k == 0) {
            // entering segment [j0, t] from above: recompute states j0+1 .. t from checkpoint j0
            int j0 = t + 1 - k;
            for (int tau = j0; tau < t; tau++) step(tau, A, tau * R);
        }
        // gamma's part: dn, ds and dL/da through gamma, per neuron
        final int tR = t * R;
        for (int r = 0; r < R; r++) {
            double dh = dH.get(r);
            gc[0] = sgHist.get(tR + r);
            gc[1] = spHist.get(tR + r);
            Gamma.partialsCached(A.get(off + r), nHist.get(tR + r), sHist.get(tR + r), gc, partials);
            double dn = dh * partials[1], ds = dh * partials[2];
            dN[r] = dn;
            dS[r] = ds;
            dA[r] = dh * partials[0];
            dbns[0] += dn;
            dbns[1] += ds;
        }
        // the controller's part: dz_t in dZ, the full dL/da_t into A
        rows.backward(state(t + 1), carry, dZ, R, 0, R, A, off, dN, dS, dA);
        if (t > 0) {
            Buf prev = state(t);
            Blas.gemm(false, true, M, M, R, 1.0, prev, 0, R, dZ, 0, R, 1.0, dWgg, 0, M);   // dW_gg += g_{t-1}^T dz_t
            Blas.gemm(false, false, M, R, M, 1.0, wgg, 0, M, dZ, 0, R, 0.0, carry, 0, R);  // dL/dg_{t-1} = dz_t W_gg^T
        }
        return false;
    }

    @Override
    public void gradients(Map<String, double[]> out) {
        double[] c = rows.gradients();
        out.put(Parameters.U_AG, Arrays.copyOfRange(c, 0, M));
        out.put(Parameters.W_GG, dWgg.toArray());
        out.put(Parameters.B_G, Arrays.copyOfRange(c, M, 2 * M));
        out.put(Parameters.W_GN, Arrays.copyOfRange(c, 2 * M, 3 * M));
        out.put(Parameters.B_N, new double[]{dbns[0]});
        out.put(Parameters.W_GS, Arrays.copyOfRange(c, 3 * M, 4 * M));
        out.put(Parameters.B_S, new double[]{dbns[1]});
    }

    @Override
    public void record(Set<String> wanted, Map<String, double[]> out) {
        if (wanted.contains(Signals.N)) out.put(Signals.N, KernelSupport.toBatchMajor(nHist, T, B, N));
        if (wanted.contains(Signals.S)) out.put(Signals.S, KernelSupport.toBatchMajor(sHist, T, B, N));
        if (wanted.contains(Signals.G)) {
            if (pingPong) throw new IllegalStateException("g was not kept");
            double[] g = new double[B * T * N * M];   // [B, T, N, M] from unit-major [M, B*N] states
            for (int t = 0; t < T; t++) {
                Buf st = state(t + 1);
                for (int m = 0; m < M; m++) {
                    for (int r = 0; r < R; r++) {
                        int b = r / N, i = r % N;
                        g[((b * T + t) * N + i) * M + m] = st.get(m * R + r);
                    }
                }
            }
            out.put(Signals.G, g);
        }
    }

    @Override
    public String toString() { return "arun(M=" + M + ", k=" + k + (vectorized ? ", simd" : "") + ")"; }
}
