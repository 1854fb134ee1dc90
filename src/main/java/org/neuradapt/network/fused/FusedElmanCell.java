package org.neuradapt.network.fused;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.network.Signals;

/**
 * Elman neuron h = phi(a; n, s) (docs/science.md section 2) for any {@link PointwiseActivation},
 * with the shape parameters absent (relu, tanh, softplus), fixed constants (rnn_gamma_fixed),
 * learned and shared by all neurons (n [1], s [1]: rnn_gamma_hom) or learned per neuron
 * (n [N], s [N]: rnn_gamma_het). Backward: da = dh phi_a, dn_i += sum dh phi_n,
 * ds_i += sum dh phi_s over batch and time.
 */
final class FusedElmanCell implements FusedCell {
    /** How n and s are given. */
    enum Shape { NONE, FIXED, SHARED, PER_NEURON }

    private final PointwiseActivation phi;
    private final Shape shape;
    private final double fixedN, fixedS;

    private int B, T, N;
    private Par par;
    private double[] n, s;          // per neuron (length N), broadcast from [1] or constants
    private double[][] dn, ds;      // per worker, per neuron
    private double[][] scratch;     // per worker, 3
    private int curOff;
    private Buf curA, curH, curDH;
    private Buf[] cache;            // cacheSize() buffers [T*B*N] when a backward pass follows
    private double[][] cacheScratch;
    private final Par.Body fwd = this::forwardRange, bwd = this::backwardRange;

    private final Buf.Precision precision;
    private boolean caching;

    FusedElmanCell(PointwiseActivation phi, Shape shape, double fixedN, double fixedS, Buf.Precision precision) {
        this.precision = precision;
        this.phi = phi;
        this.shape = shape;
        this.fixedN = fixedN;
        this.fixedS = fixedS;
    }

    private boolean learned() { return shape == Shape.SHARED || shape == Shape.PER_NEURON; }

    @Override
    public List<String> parameterNames() {
        return learned() ? List.of(Parameters.GAIN, Parameters.SATURATION) : List.of();
    }

    @Override
    public int[] shape(String name, int N) {
        return new int[]{shape == Shape.PER_NEURON ? N : 1};
    }

    @Override
    public Set<String> signals() {
        return shape == Shape.NONE ? Set.of() : Set.of(Signals.N, Signals.S);
    }

    @Override
    public void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par) {
        int cs = phi.cacheSize();
        if (backward && cs > 0 && (cache == null || cache[0].length != T * B * N)) {
            cache = new Buf[cs];
            for (int j = 0; j < cs; j++) cache[j] = precision.alloc(T * B * N);
        }
        caching = backward && cs > 0;
        if (cacheScratch == null || cacheScratch.length != par.workers()) cacheScratch = new double[par.workers()][Math.max(1, cs)];
        this.B = B; this.T = T; this.N = N; this.par = par;
        if (n == null || n.length != N) {
            n = new double[N]; s = new double[N];
            dn = new double[par.workers()][N]; ds = new double[par.workers()][N];
            scratch = new double[par.workers()][3];
        }
        switch (shape) {
            case NONE -> { java.util.Arrays.fill(n, 1.0); java.util.Arrays.fill(s, 0.0); }
            case FIXED -> { java.util.Arrays.fill(n, fixedN); java.util.Arrays.fill(s, fixedS); }
            case SHARED -> {
                java.util.Arrays.fill(n, params.get(Parameters.GAIN)[0]);
                java.util.Arrays.fill(s, params.get(Parameters.SATURATION)[0]);
            }
            case PER_NEURON -> {
                System.arraycopy(params.get(Parameters.GAIN), 0, n, 0, N);
                System.arraycopy(params.get(Parameters.SATURATION), 0, s, 0, N);
            }
        }
    }

    @Override
    public void forward(int t, Buf A, int off, Buf H, int hOff, Buf R) {
        curA = A; curH = H; curOff = off;
        par.forEach(B, (long) B * N * 8, fwd);
    }

    private void forwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH;
        final double[] n = this.n, s = this.s, c = cacheScratch[w];
        final PointwiseActivation phi = this.phi;
        if (!caching) {
            for (int b = b0; b < b1; b++) {
                int o = curOff + b * N;
                for (int i = 0; i < N; i++) H.set(o + i, phi.value(A.get(o + i), n[i], s[i]));
            }
            return;
        }
        final int cs = cache.length;
        final Buf c0 = cache[0], c1 = cs > 1 ? cache[1] : null;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N;
            for (int i = 0; i < N; i++) {
                H.set(o + i, phi.forward(A.get(o + i), n[i], s[i], c));
                c0.set(o + i, c[0]);
                if (c1 != null) c1.set(o + i, c[1]);
                for (int j = 2; j < cs; j++) cache[j].set(o + i, c[j]);
            }
        }
    }

    @Override
    public void beginBackward() {
        for (double[] d : dn) java.util.Arrays.fill(d, 0.0);
        for (double[] d : ds) java.util.Arrays.fill(d, 0.0);
    }

    @Override
    public boolean backward(int t, Buf A, int off, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        curA = A; curH = H; curDH = dH; curOff = off;
        par.forEach(B, (long) B * N * 8, bwd);
        return false;
    }

    private void backwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH, dH = curDH;
        final double[] n = this.n, s = this.s, dn = this.dn[w], ds = this.ds[w], p = scratch[w], c = cacheScratch[w];
        final PointwiseActivation phi = this.phi;
        final int cs = caching ? cache.length : 0;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N, od = b * N;
            for (int i = 0; i < N; i++) {
                double dh = dH.get(od + i);
                for (int j = 0; j < cs; j++) c[j] = cache[j].get(o + i);
                phi.backward(A.get(o + i), n[i], s[i], H.get(o + i), c, p);
                A.setGrad(o + i, dh * p[0]);
                dn[i] += dh * p[1];
                ds[i] += dh * p[2];
            }
        }
    }

    @Override
    public void gradients(Map<String, double[]> out) {
        if (!learned()) return;
        int len = shape == Shape.PER_NEURON ? N : 1;
        double[] gn = new double[len], gs = new double[len];
        for (int w = 0; w < dn.length; w++) {
            for (int i = 0; i < N; i++) {
                gn[shape == Shape.PER_NEURON ? i : 0] += dn[w][i];
                gs[shape == Shape.PER_NEURON ? i : 0] += ds[w][i];
            }
        }
        out.put(Parameters.GAIN, gn);
        out.put(Parameters.SATURATION, gs);
    }

    @Override
    public void record(Set<String> wanted, Map<String, double[]> out) {
        if (wanted.contains(Signals.N)) out.put(Signals.N, broadcast(n));
        if (wanted.contains(Signals.S)) out.put(Signals.S, broadcast(s));
    }

    private double[] broadcast(double[] perNeuron) {
        double[] r = new double[B * T * N];
        for (int k = 0; k < B * T; k++) System.arraycopy(perNeuron, 0, r, k * N, N);
        return r;
    }

    @Override
    public String toString() { return phi.name() + "/" + shape; }
}
