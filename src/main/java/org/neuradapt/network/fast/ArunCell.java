package org.neuradapt.network.fast;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/**
 * The ARUN neuron (SCIENCE.md section 2): every neuron r = (b, i) has a private controller
 * state g^r of size M with shared weights,
 *
 * <pre>
 *   g_t = tanh(a_t u_ag + g_{t-1} W_gg + b_g)      ([B*N, M], one GEMM per step)
 *   n_t = g_t . w_gn + b_n,   s_t = g_t . w_gs + b_s
 *   h_t = gamma(a_t; n_t, s_t),   g_0 = 0
 * </pre>
 *
 * Backward at step t (dg carried from step t+1 as dz_{t+1} W_gg^T):
 * dn = dh gamma_n, ds = dh gamma_s, dg = carry + dn w_gn + ds w_gs, dz = dg (1 - g_t^2),
 * da = dh gamma_a + dz . u_ag, dW_gg += g_{t-1}^T dz, carry = dz W_gg^T.
 *
 * <p>Memory: the controller history [T+1, B*N, M] is stored at every {@code k}-th state
 * only (checkpoints); the backward pass recomputes the states inside each segment from its
 * checkpoint using the stored a_t (about one extra controller forward pass). k = T stores
 * everything; k = 0 picks k = T when the history fits the byte budget, else about sqrt(T).
 */
final class ArunCell implements Cell {
    private final int M;
    private final int checkpointEvery;
    private final long historyBudgetBytes;

    private int B, T, N, R, k;
    private boolean pingPong;
    private Par par;
    private Buf[] ckpt, work, pp;
    private Buf nHist, sHist, sgHist, spHist, dZ, carry, wgg, dWgg;
    private double[][] gcache;
    private final double[] uag, bg, wgn, wgs;
    private double bn, bs;
    private double[][] acc, scratch;

    // per-step arguments of the parallel bodies
    private int curT, curOff;
    private boolean curComputeH, caching;
    private Buf curA, curH, curG;
    private final Par.Body fwd = this::forwardRange, bwd = this::backwardRange;

    private final Buf.Precision prec;

    ArunCell(int ctrl, int checkpointEvery, long historyBudgetBytes, Buf.Precision precision) {
        this.prec = precision;
        if (ctrl <= 0) throw new IllegalArgumentException("controller size must be > 0");
        this.M = ctrl;
        this.checkpointEvery = checkpointEvery;
        this.historyBudgetBytes = historyBudgetBytes;
        uag = new double[M]; bg = new double[M]; wgn = new double[M]; wgs = new double[M];
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
        this.par = par;
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
            acc = new double[par.workers()][4 * M + 2];
            scratch = new double[par.workers()][3];
        }
        if (backward && dZ == null) {
            dZ = prec.alloc(R * M); carry = prec.alloc(R * M);
            sgHist = prec.alloc(T * R); spHist = prec.alloc(T * R);   // sigmoid(n a), guarded softplus(n a)/n
        }
        caching = backward;
        if (gcache == null || gcache.length != par.workers()) gcache = new double[par.workers()][2];
        System.arraycopy(params.get(Parameters.U_AG), 0, uag, 0, M);
        System.arraycopy(params.get(Parameters.B_G), 0, bg, 0, M);
        System.arraycopy(params.get(Parameters.W_GN), 0, wgn, 0, M);
        System.arraycopy(params.get(Parameters.W_GS), 0, wgs, 0, M);
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
        step(t, A, H, off, true);
    }

    /** Controller step t: state(t+1) from state(t) and a_t; h_t too when computeH. */
    private void step(int t, Buf A, Buf H, int off, boolean computeH) {
        Buf next = state(t + 1);
        if (t == 0) next.zero();
        else Blas.gemm(false, false, R, M, M, 1.0, state(t), 0, M, wgg, 0, M, 0.0, next, 0, M);
        curT = t; curOff = off; curA = A; curH = H; curG = next; curComputeH = computeH;
        par.forEach(B, (long) R * M * 6, fwd);
    }

    private void forwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH, G = curG, nH = nHist, sH = sHist;
        final double[] uag = this.uag, bg = this.bg, wgn = this.wgn, wgs = this.wgs, gc = gcache[w];
        final int M = this.M, tR = curT * R, off = curOff;
        for (int r = b0 * N, re = b1 * N; r < re; r++) {
            double a = A.get(off + r);
            double ns = bn, ss = bs;
            int go = r * M;
            for (int m = 0; m < M; m++) {
                double g = FastMath.tanh(G.get(go + m) + a * uag[m] + bg[m]);
                G.set(go + m, g);
                ns += g * wgn[m];
                ss += g * wgs[m];
            }
            nH.set(tR + r, ns);
            sH.set(tR + r, ss);
            if (curComputeH) {
                if (caching) {
                    H.set(off + r, FastMath.gammaForward(a, ns, ss, gc));
                    sgHist.set(tR + r, gc[0]);
                    spHist.set(tR + r, gc[1]);
                } else {
                    H.set(off + r, FastMath.gamma(a, ns, ss));
                }
            }
        }
    }

    @Override
    public void beginBackward() {
        for (double[] d : acc) Arrays.fill(d, 0.0);
        dWgg.zero();
        carry.zero();
    }

    @Override
    public boolean backward(int t, Buf A, int off, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        if (t < T - 1 && (t + 1) % k == 0) {
            // entering segment [j0, t] from above: recompute states j0+1 .. t from checkpoint j0
            int j0 = t + 1 - k;
            for (int tau = j0; tau < t; tau++) step(tau, A, null, tau * R, false);
        }
        curT = t; curOff = off; curA = A; curH = dH; curG = state(t + 1);
        par.forEach(B, (long) R * M * 8, bwd);
        if (t > 0) {
            Blas.gemm(true, false, M, M, R, 1.0, state(t), 0, M, dZ, 0, M, 1.0, dWgg, 0, M);
            Blas.gemm(false, true, R, M, M, 1.0, dZ, 0, M, wgg, 0, M, 0.0, carry, 0, M);
        }
        return false;
    }

    private void backwardRange(int b0, int b1, int w) {
        final Buf A = curA, dH = curH, G = curG, nH = nHist, sH = sHist, dZ = this.dZ, carry = this.carry;
        final double[] uag = this.uag, wgn = this.wgn, wgs = this.wgs, p = scratch[w], ac = acc[w], gc = gcache[w];
        final int M = this.M, tR = curT * R, off = curOff;
        final int oB = M, oN = 2 * M, oS = 3 * M, oBn = 4 * M, oBs = 4 * M + 1;
        for (int r = b0 * N, re = b1 * N; r < re; r++) {
            double a = A.get(off + r), dh = dH.get(r);
            gc[0] = sgHist.get(tR + r);
            gc[1] = spHist.get(tR + r);
            FastMath.gammaPartialsCached(a, nH.get(tR + r), sH.get(tR + r), gc, p);
            double dn = dh * p[1], ds = dh * p[2], da = dh * p[0];
            ac[oBn] += dn;
            ac[oBs] += ds;
            int go = r * M;
            for (int m = 0; m < M; m++) {
                double g = G.get(go + m);
                double dg = carry.get(go + m) + dn * wgn[m] + ds * wgs[m];
                ac[oN + m] += dn * g;
                ac[oS + m] += ds * g;
                double dz = dg * (1 - g * g);
                dZ.set(go + m, dz);
                da += dz * uag[m];
                ac[m] += dz * a;
                ac[oB + m] += dz;
            }
            A.set(off + r, da);
        }
    }

    @Override
    public void gradients(Map<String, double[]> out) {
        double[] duag = new double[M], dbg = new double[M], dwgn = new double[M], dwgs = new double[M];
        double dbn = 0, dbs = 0;
        for (double[] a : acc) {
            for (int m = 0; m < M; m++) {
                duag[m] += a[m]; dbg[m] += a[M + m]; dwgn[m] += a[2 * M + m]; dwgs[m] += a[3 * M + m];
            }
            dbn += a[4 * M]; dbs += a[4 * M + 1];
        }
        out.put(Parameters.U_AG, duag);
        out.put(Parameters.W_GG, dWgg.toArray());
        out.put(Parameters.B_G, dbg);
        out.put(Parameters.W_GN, dwgn);
        out.put(Parameters.B_N, new double[]{dbn});
        out.put(Parameters.W_GS, dwgs);
        out.put(Parameters.B_S, new double[]{dbs});
    }

    @Override
    public void record(Set<String> wanted, Map<String, double[]> out) {
        if (wanted.contains(Signals.N)) out.put(Signals.N, KernelSupport.toBatchMajor(nHist, T, B, N));
        if (wanted.contains(Signals.S)) out.put(Signals.S, KernelSupport.toBatchMajor(sHist, T, B, N));
        if (wanted.contains(Signals.G)) {
            if (pingPong) throw new IllegalStateException("g was not kept");
            double[] g = new double[B * T * N * M];
            for (int t = 0; t < T; t++) {
                Buf st = state(t + 1);
                for (int b = 0; b < B; b++) st.copyTo(b * N * M, g, (b * T + t) * N * M, N * M);
            }
            out.put(Signals.G, g);
        }
    }

    @Override
    public String toString() { return "arun(M=" + M + ", k=" + k + ")"; }
}
