package org.neuradapt.network.fused;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.neuron.PointwiseActivation;
import org.neuradapt.network.Signals;

/**
 * Elman neuron h = phi(a; theta) (docs/science.md sections 2.1 and 2.7) for any {@link PointwiseActivation}
 * with K parameters theta, each a {@link Slot}: a fixed constant (rnn_gamma_fixed), learned and
 * shared by all neurons ([1]: rnn_gamma_hom) or learned per neuron ([N]: rnn_gamma_het, a
 * user's activation). Before each pass the parameters are laid out as one theta array per
 * neuron, handed to phi unchanged, so that the loops allocate nothing and the built-ins cost
 * what they did with (n, s) as separate arguments. Backward: da = dh phi_a,
 * dtheta_k += sum dh phi_k over batch and time (per neuron, summed over neurons when shared).
 */
final class FusedElmanCell implements FusedCell {
    /** How a parameter is given. */
    enum Kind { FIXED, SHARED, PER_NEURON }

    /** Parameter k of phi: its name, how it is given and (FIXED) its value. */
    record Slot(String name, Kind kind, double fixed) {
        static Slot fixed(String name, double value) { return new Slot(name, Kind.FIXED, value); }

        static Slot learned(String name, boolean perNeuron) { return new Slot(name, perNeuron ? Kind.PER_NEURON : Kind.SHARED, Double.NaN); }

        boolean isLearned() { return kind != Kind.FIXED; }

        /** The learned parameters' names, in slot order. */
        static List<String> learnedNames(List<Slot> slots) { return slots.stream().filter(Slot::isLearned).map(Slot::name).toList(); }

        /** The shape of a learned parameter: [N] per neuron, [1] shared. */
        static int[] shape(List<Slot> slots, String name, int N, Object owner) {
            for (Slot sl : slots) if (sl.name().equals(name)) return new int[]{sl.kind() == Kind.PER_NEURON ? N : 1};
            throw new IllegalArgumentException("no parameter '" + name + "' in " + owner);
        }

        /** theta[i][k]: neuron i's value of slot k, from the learned parameters by name and the fixed constants. */
        static void values(List<Slot> slots, Map<String, double[]> params, double[][] theta) {
            for (int k = 0; k < slots.size(); k++) {
                Slot sl = slots.get(k);
                double[] v = sl.isLearned() ? params.get(sl.name()) : null;
                for (int i = 0; i < theta.length; i++) theta[i][k] = switch (sl.kind()) {
                    case FIXED -> sl.fixed();
                    case SHARED -> v[0];
                    case PER_NEURON -> v[i];
                };
            }
        }

        /** The learned parameters' gradients from the workers' accumulators dTheta[w][i * K + k], summed over neurons when shared. */
        static void gradients(List<Slot> slots, double[][] dTheta, int N, Map<String, double[]> out) {
            int K = slots.size();
            for (int k = 0; k < K; k++) {
                Slot sl = slots.get(k);
                if (!sl.isLearned()) continue;
                boolean per = sl.kind() == Kind.PER_NEURON;
                double[] g = new double[per ? N : 1];
                for (double[] d : dTheta) for (int i = 0; i < N; i++) g[per ? i : 0] += d[i * K + k];
                out.put(sl.name(), g);
            }
        }
    }

    private final PointwiseActivation phi;
    private final List<Slot> slots;
    private final int K;

    private int B, T, N;
    private Par par;
    private double[][] theta;       // [N][K]: each neuron's parameter values
    private double[][] dTheta;      // per worker, [N * K]
    private double[][] scratch;     // per worker, 1 + K
    private int curOff;
    private Buf curA, curH, curDH;
    private Buf[] cache;            // cacheSize() buffers [T*B*N] when a backward pass follows
    private double[][] cacheScratch;
    private final Par.Body fwd = this::forwardRange, bwd = this::backwardRange;

    private final Buf.Precision precision;
    private final boolean vectorGamma, vectorTanh;
    /** A user activation's run-of-neurons form, used in float with SIMD (docs/science.md section 2.7); else null. */
    private final org.neuradapt.neuron.LaneActivation lanes;
    private float[][] thetaF;                               // [K][N]: theta for the lane form
    private float[][] laneA, laneH, laneDh, laneDa;         // per worker, [N]
    private float[][][] laneCache, laneDTheta;              // per worker, [cacheSize][N] and [K][N]
    private Buf gainF, saturationF;   // gamma's (n_i, s_i) in float for VectorGamma
    private float[][] accN, accS;     // per worker: one step's dL/dn_i, dL/ds_i from the SIMD backward
    private boolean caching;

    /**
     * vectorized: the built-in gamma and tanh run on SIMD lanes ({@link VectorGamma},
     * {@link VectorTanh}) when the storage is float and {@link Simd#available()}; every other
     * activation stays scalar.
     */
    FusedElmanCell(PointwiseActivation phi, List<Slot> slots, Buf.Precision precision, boolean vectorized) {
        this.precision = precision;
        boolean lanes = vectorized && precision == Buf.Precision.FLOAT && Simd.available();
        this.vectorGamma = lanes && phi instanceof org.neuradapt.neuron.GammaActivation;   // theta = (n, s), learned or laid out fixed
        this.vectorTanh = lanes && phi == org.neuradapt.neuron.ClassicActivation.TANH;
        this.lanes = lanes && phi instanceof org.neuradapt.neuron.LaneActivation la ? la : null;
        this.phi = phi;
        this.slots = List.copyOf(slots);
        this.K = slots.size();
    }

    @Override
    public List<String> parameterNames() { return Slot.learnedNames(slots); }

    @Override
    public int[] shape(String name, int N) { return Slot.shape(slots, name, N, this); }

    /** The parameters named n or s (gamma's), recorded per neuron as those signals. */
    @Override
    public Set<String> signals() {
        return slots.stream().map(Slot::name).filter(FusedElmanCell::isSignal).collect(java.util.stream.Collectors.toSet());
    }

    private static boolean isSignal(String name) { return name.equals(Signals.N) || name.equals(Signals.S); }

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
        if (theta == null || theta.length != N || dTheta.length != par.workers()) {
            theta = new double[N][K];
            dTheta = new double[par.workers()][N * K];
            scratch = new double[par.workers()][1 + K];
        }
        if (vectorGamma) {
            if (gainF == null || gainF.length != N) { gainF = precision.alloc(N); saturationF = precision.alloc(N); }
            if (accN == null || accN.length != par.workers() || accN[0].length != N) {
                accN = new float[par.workers()][N];
                accS = new float[par.workers()][N];
            }
        }
        Slot.values(slots, params, theta);
        if (lanes != null) {
            int W = par.workers();
            if (thetaF == null || laneA[0].length != N || laneA.length != W) {
                thetaF = new float[K][N];
                laneA = new float[W][N]; laneH = new float[W][N]; laneDh = new float[W][N]; laneDa = new float[W][N];
                laneCache = new float[W][cs][N]; laneDTheta = new float[W][K][N];
            }
            for (int k = 0; k < K; k++) for (int i = 0; i < N; i++) thetaF[k][i] = (float) theta[i][k];
        }
        if (vectorGamma) {   // theta = (n, s), gamma's order
            for (int i = 0; i < N; i++) { gainF.set(i, theta[i][0]); saturationF.set(i, theta[i][1]); }
        }
    }

    @Override
    public void forward(int t, Buf A, int off, Buf H, int hOff, Buf R) {
        curA = A; curH = H; curOff = off;
        par.forEach(B, (long) B * N * 8, fwd);
    }

    private void forwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH;
        final double[][] th = this.theta;
        final double[] c = cacheScratch[w];
        final PointwiseActivation phi = this.phi;
        if (lanes != null) {   // a user's run-of-neurons form on float rows
            final float[] a = laneA[w], h = laneH[w];
            final float[][] lc = laneCache[w];
            for (int b = b0; b < b1; b++) {
                int o = curOff + b * N;
                ((Buf.F) A).get(o, a, N);
                lanes.forwardLanes(a, thetaF, h, lc, N);
                ((Buf.F) H).put(o, h, N);
                if (caching) for (int j = 0; j < lc.length; j++) ((Buf.F) cache[j]).put(o, lc[j], N);
            }
            return;
        }
        if (!caching) {
            for (int b = b0; b < b1; b++) {
                int o = curOff + b * N;
                int i0 = vectorGamma ? VectorGamma.forward(A, o, gainF, saturationF, 0, H, null, null, o, N)
                        : vectorTanh ? VectorTanh.forward(A, H, o, N) : 0;
                for (int i = i0; i < N; i++) H.set(o + i, phi.value(A.get(o + i), th[i]));
            }
            return;
        }
        final int cs = cache.length;
        final Buf c0 = cache[0], c1 = cs > 1 ? cache[1] : null;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N;
            int i0 = vectorGamma ? VectorGamma.forward(A, o, gainF, saturationF, 0, H, c0, c1, o, N) : 0;
            for (int i = i0; i < N; i++) {
                H.set(o + i, phi.forward(A.get(o + i), th[i], c));
                c0.set(o + i, c[0]);
                if (c1 != null) c1.set(o + i, c[1]);
                for (int j = 2; j < cs; j++) cache[j].set(o + i, c[j]);
            }
        }
    }

    @Override
    public void beginBackward() {
        for (double[] d : dTheta) java.util.Arrays.fill(d, 0.0);
    }

    @Override
    public boolean backward(int t, Buf A, int off, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        curA = A; curH = H; curDH = dH; curOff = off;
        par.forEach(B, (long) B * N * 8, bwd);
        return false;
    }

    private void backwardRange(int b0, int b1, int w) {
        final Buf A = curA, H = curH, dH = curDH;
        final double[][] th = this.theta;
        final double[] dt = this.dTheta[w], p = scratch[w], c = cacheScratch[w];
        final PointwiseActivation phi = this.phi;
        final int cs = caching ? cache.length : 0, K = this.K;
        if (lanes != null) { backwardLanes(b0, b1, w); return; }
        final boolean simd = vectorGamma && caching;
        int end = 0;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N, od = b * N;
            int i0 = simd ? VectorGamma.backward(A, o, gainF, saturationF, 0, dH, od, cache[0], cache[1], o, accN[w], accS[w], N)
                    : vectorTanh ? VectorTanh.backward(A, H, o, dH, od, N) : 0;
            end = i0;
            for (int i = i0; i < N; i++) {
                double dh = dH.get(od + i);
                for (int j = 0; j < cs; j++) c[j] = cache[j].get(o + i);
                phi.backward(A.get(o + i), th[i], H.get(o + i), c, p);
                A.setGrad(o + i, dh * p[0]);
                for (int k = 0, q = i * K; k < K; k++) dt[q + k] += dh * p[1 + k];
            }
        }
        if (simd) {   // this step's float sums over the worker's samples, into the double accumulators
            float[] an = accN[w], as = accS[w];
            for (int i = 0; i < end; i++) { dt[i * K] += an[i]; dt[i * K + 1] += as[i]; an[i] = 0f; as[i] = 0f; }
        }
    }

    /** backwardRange through a user's {@link org.neuradapt.neuron.LaneActivation}: float rows, per-step float sums into dTheta. */
    private void backwardLanes(int b0, int b1, int w) {
        final Buf.F A = (Buf.F) curA, H = (Buf.F) curH, dH = (Buf.F) curDH;
        final float[] a = laneA[w], h = laneH[w], dh = laneDh[w], da = laneDa[w];
        final float[][] lc = laneCache[w], ldt = laneDTheta[w];
        final double[] dt = this.dTheta[w];
        final boolean flush = FastMath.flushDenormals;
        for (int b = b0; b < b1; b++) {
            int o = curOff + b * N;
            A.get(o, a, N);
            H.get(o, h, N);
            dH.get(b * N, dh, N);
            for (int j = 0; j < lc.length; j++) ((Buf.F) cache[j]).get(o, lc[j], N);
            lanes.backwardLanes(a, thetaF, h, lc, dh, da, ldt, N);
            if (flush) for (int i = 0; i < N; i++) da[i] = FastMath.flushDenormal(da[i]);
            A.put(o, da, N);
        }
        for (int k = 0; k < K; k++) {
            float[] g = ldt[k];
            for (int i = 0; i < N; i++) { dt[i * K + k] += g[i]; g[i] = 0f; }
        }
    }

    @Override
    public void gradients(Map<String, double[]> out) { Slot.gradients(slots, dTheta, N, out); }

    @Override
    public void record(Set<String> wanted, Map<String, double[]> out) {
        for (int k = 0; k < K; k++) {
            String name = slots.get(k).name();
            if (!wanted.contains(name) || !isSignal(name)) continue;
            double[] r = new double[B * T * N];
            for (int j = 0; j < B * T; j++) for (int i = 0; i < N; i++) r[j * N + i] = theta[i][k];
            out.put(name, r);
        }
    }

    @Override
    public String toString() { return phi.name() + (vectorGamma || vectorTanh || lanes != null ? "(simd)" : "") + "/" + slots; }
}
