package org.neuradapt.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The leaky integrate-and-fire neuron of a spiking RNN trained by BPTT with a pseudo-derivative,
 * with or without an adaptive threshold: the LIF and ALIF neurons of the LSNN (Bellec et al.
 * 2018; docs/science.md section 10.3). In discrete time, step t, input current a_t (the layer's
 * a_t = U x_t + W z_{t-1} + b + drive_t):
 *
 * <pre>
 *   v_t = alpha v_{t-1} + a_t - b0 z_{t-1}                    membrane potential, reset by subtraction
 *   B_t = b0 + beta q_{t-1}                                   threshold (LIF: beta = 0, B_t = b0)
 *   z_t = H((v_t - B_t) / b0) [r_{t-1} = 0]                   spike (the neuron's output h_t)
 *   q_t = rho q_{t-1} + (1 - rho) z_t                         adaptation variable (ALIF)
 *   r_t = n_ref if z_t = 1, else max(r_{t-1} - 1, 0)          refractory steps left (n_ref &gt; 0 only)
 * </pre>
 *
 * with alpha = exp(-1 / tau_m), rho = exp(-1 / tau_a), times in steps. dH/du is the
 * {@link Surrogate}'s psi(u); the refractory gate is piecewise constant in r, so no gradient
 * flows through r (its own partials are stated as they are). The state is
 * z = (v, [q, threshold,] spike [, refractory]): spike holds z_{t-1} for the reset, threshold
 * the B_t each step used (recorded only; nothing reads it back). With {@code learn_tau} the
 * time constants are learned per neuron (tau_m, and tau_a for the ALIF), else fixed.
 */
public final class LsnnNeuron implements StatefulLanes {
    public static final String V = "v", ADAPTATION = "adaptation", THRESHOLD = "threshold", SPIKE = "spike", REFRACTORY = "refractory";
    public static final String TAU_M = "tau_m", TAU_A = "tau_a";

    /** The options a config may give ({@code model.options}), with their defaults. */
    public static final Map<String, Double> DEFAULTS = Map.ofEntries(
            Map.entry("tau_m", 20.0), Map.entry("tau_a", 200.0), Map.entry("beta", 1.8), Map.entry("threshold", 1.0),
            Map.entry("surrogate_scale", Surrogate.BELLEC.scale()), Map.entry("surrogate_width", Surrogate.BELLEC.width()),
            Map.entry("refractory", 0.0), Map.entry("learn_tau", 0.0), Map.entry("readout_tau", 20.0));
    private static final Set<String> ALIF_ONLY = Set.of("tau_a", "beta");

    private final boolean adaptive, learnTau, smooth;
    private final double tauM, tauA, beta, b0, readoutTau;
    private final double alpha0, rho0;   // exp(-1/tau) of the fixed time constants, computed once
    private final int refractory;
    private final Surrogate surrogate;
    private final List<String> state;
    // indices into z (-1: absent)
    private final int iv, iq, ithr, ispike, iref;

    private LsnnNeuron(boolean adaptive, double tauM, double tauA, double beta, double b0, Surrogate surrogate, int refractory,
                       boolean learnTau, double readoutTau, boolean smooth) {
        this.adaptive = adaptive; this.tauM = tauM; this.tauA = tauA; this.beta = beta; this.b0 = b0;
        this.surrogate = surrogate; this.refractory = refractory; this.learnTau = learnTau; this.readoutTau = readoutTau; this.smooth = smooth;
        this.alpha0 = Math.exp(-1 / tauM);
        this.rho0 = Math.exp(-1 / tauA);
        List<String> s = new ArrayList<>(List.of(V));
        if (adaptive) s.addAll(List.of(ADAPTATION, THRESHOLD));
        s.add(SPIKE);
        if (refractory > 0) s.add(REFRACTORY);
        this.state = List.copyOf(s);
        iv = 0; iq = s.indexOf(ADAPTATION); ithr = s.indexOf(THRESHOLD); ispike = s.indexOf(SPIKE); iref = s.indexOf(REFRACTORY);
    }

    /**
     * The LIF (adaptive false) or ALIF from {@code model.options}; unknown keys and values out of
     * range are refused (IllegalArgumentException naming the key).
     */
    public static LsnnNeuron of(boolean adaptive, Map<String, Double> options) {
        for (String k : options.keySet()) {
            if (!DEFAULTS.containsKey(k)) throw new IllegalArgumentException("unknown option '" + k + "'; " + (adaptive ? "alif" : "lif") + " takes "
                    + (adaptive ? DEFAULTS.keySet() : DEFAULTS.keySet().stream().filter(x -> !ALIF_ONLY.contains(x)).toList()));
            if (!adaptive && ALIF_ONLY.contains(k)) throw new IllegalArgumentException("option '" + k + "' belongs to alif (the adaptive threshold); lif has none");
        }
        double tauM = get(options, "tau_m", 1), tauA = get(options, "tau_a", 1), beta = get(options, "beta", 0), b0 = get(options, "threshold", 0);
        if (b0 == 0) throw new IllegalArgumentException("option 'threshold' must be > 0");
        double ref = get(options, "refractory", 0), learn = get(options, "learn_tau", 0), readout = get(options, "readout_tau", 0);
        if (ref != Math.rint(ref)) throw new IllegalArgumentException("option 'refractory' is a whole number of steps, got " + ref);
        if (learn != 0 && learn != 1) throw new IllegalArgumentException("option 'learn_tau' is 0 or 1, got " + learn);
        Surrogate sg = new Surrogate(get(options, "surrogate_scale", 0), get(options, "surrogate_width", 0));
        return new LsnnNeuron(adaptive, tauM, tauA, adaptive ? beta : 0, b0, sg, (int) ref, learn == 1, readout, false);
    }

    /** option k (or its default), refused when below min or not finite. */
    private static double get(Map<String, Double> options, String k, double min) {
        Double v = options.getOrDefault(k, DEFAULTS.get(k));
        if (v == null || !Double.isFinite(v) || v < min) throw new IllegalArgumentException("option '" + k + "' must be a number >= " + min + ", got " + v);
        return v;
    }

    @Override public String name() { return adaptive ? "alif" : "lif"; }

    @Override public List<String> stateNames() { return state; }

    public boolean adaptive() { return adaptive; }

    public Surrogate surrogate() { return surrogate; }

    @Override
    public List<ParamSpec> parameters(int hidden) {
        if (!learnTau) return List.of();
        List<ParamSpec> ps = new ArrayList<>(List.of(new ParamSpec(TAU_M, new long[]{hidden}, Init.constant(tauM))));
        if (adaptive) ps.add(new ParamSpec(TAU_A, new long[]{hidden}, Init.constant(tauA)));
        return ps;
    }

    @Override public double readoutDecay() { return readoutTau == 0 ? 0 : Math.exp(-1 / readoutTau); }

    @Override public StatefulNeuron smoothTwin() {
        return new LsnnNeuron(adaptive, tauM, tauA, beta, b0, surrogate, refractory, learnTau, readoutTau, true);
    }

    @Override public double inputRange() { return 3 * b0; }

    @Override
    public void sampleState(SplittableRandom rng, double[] z) {
        z[iv] = rng.nextDouble(-b0, 2 * b0);
        if (adaptive) { z[iq] = rng.nextDouble(0, 1); z[ithr] = b0 + beta * rng.nextDouble(0, 1); }
        z[ispike] = smooth ? rng.nextDouble(0, 1) : rng.nextInt(2);
        // r: 0 (open) or inside (1, n_ref + 1), away from the kinks of max(r - 1, 0) and the gate at whole numbers
        if (iref >= 0) z[iref] = rng.nextBoolean() ? 0 : rng.nextDouble(1, refractory + 1);
    }

    private double tauM(double[] theta) { return learnTau ? theta[0] : tauM; }

    private double tauA(double[] theta) { return learnTau ? theta[1] : tauA; }

    private double alpha(double[] theta) { return learnTau ? Math.exp(-1 / theta[0]) : alpha0; }

    private double rho(double[] theta) { return learnTau ? Math.exp(-1 / theta[1]) : rho0; }

    private double potential(double a, double[] z, double alpha) { return alpha * z[iv] + a - b0 * z[ispike]; }

    private double threshold(double[] z) { return adaptive ? b0 + beta * z[iq] : b0; }

    private boolean open(double[] z) { return iref < 0 || z[iref] < 0.5; }

    private double spike(double u) { return smooth ? surrogate.smooth(u) : u > 0 ? 1 : 0; }

    @Override
    public double output(double a, double[] z, double[] theta) {
        if (!open(z)) return 0;
        return spike((potential(a, z, alpha(theta)) - threshold(z)) / b0);
    }

    @Override
    public void next(double a, double[] z, double h, double[] theta, double[] zNext) {
        double v = potential(a, z, alpha(theta));
        zNext[iv] = v;
        if (adaptive) {
            double rho = rho(theta);
            zNext[iq] = rho * z[iq] + (1 - rho) * h;
            zNext[ithr] = threshold(z);
        }
        zNext[ispike] = h;
        if (iref >= 0) zNext[iref] = open(z) && v > threshold(z) ? refractory : Math.max(z[iref] - 1, 0);
    }

    @Override
    public double outputPartials(double a, double[] z, double[] theta, double[] d) {
        java.util.Arrays.fill(d, 0.0);
        if (!open(z)) return 0;
        int S = state.size();
        double tm = tauM(theta), alpha = alpha(theta);
        double u = (potential(a, z, alpha) - threshold(z)) / b0, psi = surrogate.derivative(u) / b0;   // dh/d(v - B)
        d[0] = psi;
        d[1 + iv] = psi * alpha;
        d[1 + ispike] = -psi * b0;
        if (adaptive) d[1 + iq] = -psi * beta;
        if (learnTau) d[1 + S] = psi * z[iv] * alpha / (tm * tm);   // d alpha / d tau_m = alpha / tau_m^2
        return spike(u);
    }

    @Override
    public void nextPartials(double a, double[] z, double h, double[] theta, double[][] d) {
        for (double[] row : d) java.util.Arrays.fill(row, 0.0);
        int S = state.size();
        double tm = tauM(theta), alpha = alpha(theta);
        d[iv][0] = 1;
        d[iv][1 + iv] = alpha;
        d[iv][1 + ispike] = -b0;
        if (learnTau) d[iv][2 + S] = z[iv] * alpha / (tm * tm);
        if (adaptive) {
            double ta = tauA(theta), rho = rho(theta);
            d[iq][1 + iq] = rho;
            d[iq][1 + S] = 1 - rho;
            if (learnTau) d[iq][3 + S] = (z[iq] - h) * rho / (ta * ta);
            d[ithr][1 + iq] = beta;
        }
        d[ispike][1 + S] = 1;
        // r' = r - 1 while counting down (its own derivative 1); nothing depends on r smoothly, so no gradient reaches it
        if (iref >= 0 && !(open(z) && potential(a, z, alpha) > threshold(z)) && z[iref] > 1) d[iref][1 + iref] = 1;
    }

    // ---- the same step on SIMD lanes (StatefulLanes), in float, for fixed time constants

    private static final VectorSpecies<Float> L = FloatVector.SPECIES_PREFERRED;

    /** Learned time constants need exp per neuron each call: those runs keep the per-value form. */
    @Override public boolean lanesApply() { return !learnTau; }

    @Override
    public void forwardLanes(float[] a, float[][] theta, float[][] zPrev, float[] h, float[][] zNext, int n) {
        final float al = (float) alpha0, rh = (float) rho0, b = (float) b0, be = (float) beta, nref = refractory;
        final float[] v0 = zPrev[iv], s0 = zPrev[ispike], v1 = zNext[iv], s1 = zNext[ispike];
        final float[] q0 = adaptive ? zPrev[iq] : null, q1 = adaptive ? zNext[iq] : null, thr1 = adaptive ? zNext[ithr] : null;
        final float[] r0 = iref >= 0 ? zPrev[iref] : null, r1 = iref >= 0 ? zNext[iref] : null;
        final int end = L.loopBound(n);
        final FloatVector zero = FloatVector.zero(L), one = FloatVector.broadcast(L, 1f);
        for (int i = 0; i < end; i += L.length()) {
            FloatVector v = FloatVector.fromArray(L, v0, i).mul(al).add(FloatVector.fromArray(L, a, i)).sub(FloatVector.fromArray(L, s0, i).mul(b));
            FloatVector thr = adaptive ? FloatVector.fromArray(L, q0, i).mul(be).add(b) : FloatVector.broadcast(L, b);
            VectorMask<Float> fire = v.compare(VectorOperators.GT, thr);
            VectorMask<Float> open = r0 == null ? null : FloatVector.fromArray(L, r0, i).compare(VectorOperators.LT, 0.5f);
            if (open != null) fire = fire.and(open);
            FloatVector z = zero.blend(one, fire);
            z.intoArray(h, i);
            v.intoArray(v1, i);
            z.intoArray(s1, i);
            if (adaptive) {
                FloatVector.fromArray(L, q0, i).mul(rh).add(z.mul(1 - rh)).intoArray(q1, i);
                thr.intoArray(thr1, i);
            }
            if (r0 != null) FloatVector.fromArray(L, r0, i).sub(1f).max(zero).blend(FloatVector.broadcast(L, nref), fire).intoArray(r1, i);
        }
        for (int i = end; i < n; i++) {   // the tail: n mod lanes neurons
            float v = al * v0[i] + a[i] - b * s0[i], thr = adaptive ? b + be * q0[i] : b;
            boolean fire = v > thr && (r0 == null || r0[i] < 0.5f);
            float z = fire ? 1f : 0f;
            h[i] = z;
            v1[i] = v;
            s1[i] = z;
            if (adaptive) { q1[i] = rh * q0[i] + (1 - rh) * z; thr1[i] = thr; }
            if (r0 != null) r1[i] = fire ? nref : Math.max(r0[i] - 1f, 0f);
        }
    }

    /**
     * The composed backward step (docs/science.md section 10.1 with this model's partials):
     * g_h = dh + (1 - rho) dq + dspike; da = g_h psi + dv; dv_prev = alpha da; dspike_prev = -b0 da;
     * dq_prev = -beta g_h psi + rho dq + beta dthr; dthr_prev = 0; dr_prev = dr while counting down.
     */
    @Override
    public void backwardLanes(float[] a, float[][] theta, float[][] zPrev, float[] h, float[] dh, float[][] dz,
                              float[] da, float[][] dzPrev, float[][] dTheta, int n) {
        final float al = (float) alpha0, rh = (float) rho0, b = (float) b0, be = (float) beta;
        final float sc = (float) (surrogate.scale() / b0), invW = (float) (1 / surrogate.width()), invB = (float) (1 / b0);
        final float[] v0 = zPrev[iv], s0 = zPrev[ispike], dv = dz[iv], ds = dz[ispike], dv0 = dzPrev[iv], ds0 = dzPrev[ispike];
        final float[] q0 = adaptive ? zPrev[iq] : null, dq = adaptive ? dz[iq] : null, dthr = adaptive ? dz[ithr] : null;
        final float[] dq0 = adaptive ? dzPrev[iq] : null, dthr0 = adaptive ? dzPrev[ithr] : null;
        final float[] r0 = iref >= 0 ? zPrev[iref] : null, dr = iref >= 0 ? dz[iref] : null, dr0 = iref >= 0 ? dzPrev[iref] : null;
        final int end = L.loopBound(n);
        final FloatVector zero = FloatVector.zero(L), one = FloatVector.broadcast(L, 1f);
        for (int i = 0; i < end; i += L.length()) {
            FloatVector v = FloatVector.fromArray(L, v0, i).mul(al).add(FloatVector.fromArray(L, a, i)).sub(FloatVector.fromArray(L, s0, i).mul(b));
            FloatVector thr = adaptive ? FloatVector.fromArray(L, q0, i).mul(be).add(b) : FloatVector.broadcast(L, b);
            FloatVector u = v.sub(thr).mul(invB);
            FloatVector psi = one.sub(u.abs().mul(invW)).max(zero).mul(sc);
            VectorMask<Float> open = r0 == null ? null : FloatVector.fromArray(L, r0, i).compare(VectorOperators.LT, 0.5f);
            if (open != null) psi = zero.blend(psi, open);
            FloatVector gh = FloatVector.fromArray(L, dh, i).add(FloatVector.fromArray(L, ds, i));
            if (adaptive) gh = gh.add(FloatVector.fromArray(L, dq, i).mul(1 - rh));
            FloatVector ghPsi = gh.mul(psi);
            FloatVector d = ghPsi.add(FloatVector.fromArray(L, dv, i));
            d.intoArray(da, i);
            d.mul(al).intoArray(dv0, i);
            d.mul(-b).intoArray(ds0, i);
            if (adaptive) {
                FloatVector.fromArray(L, dq, i).mul(rh).add(FloatVector.fromArray(L, dthr, i).mul(be)).sub(ghPsi.mul(be)).intoArray(dq0, i);
                zero.intoArray(dthr0, i);
            }
            if (r0 != null) {   // counting down (no new spike, r > 1): dr passes through r' = r - 1
                VectorMask<Float> fire = v.compare(VectorOperators.GT, thr);
                if (open != null) fire = fire.and(open);
                VectorMask<Float> counting = fire.not().and(FloatVector.fromArray(L, r0, i).compare(VectorOperators.GT, 1f));
                zero.blend(FloatVector.fromArray(L, dr, i), counting).intoArray(dr0, i);
            }
        }
        for (int i = end; i < n; i++) {
            float v = al * v0[i] + a[i] - b * s0[i], thr = adaptive ? b + be * q0[i] : b;
            boolean open = r0 == null || r0[i] < 0.5f;
            float psi = open ? Math.max(0f, 1f - Math.abs((v - thr) * invB) * invW) * sc : 0f;
            float gh = dh[i] + ds[i] + (adaptive ? (1 - rh) * dq[i] : 0f), ghPsi = gh * psi;
            float d = ghPsi + dv[i];
            da[i] = d;
            dv0[i] = al * d;
            ds0[i] = -b * d;
            if (adaptive) { dq0[i] = rh * dq[i] + be * dthr[i] - be * ghPsi; dthr0[i] = 0f; }
            if (r0 != null) dr0[i] = !(open && v > thr) && r0[i] > 1f ? dr[i] : 0f;
        }
    }

    @Override
    public String toString() {
        return name() + "(tau_m " + tauM + (adaptive ? ", tau_a " + tauA + ", beta " + beta : "") + ", threshold " + b0 + ", " + surrogate
                + (refractory > 0 ? ", refractory " + refractory : "") + (learnTau ? ", learned tau" : "") + ")";
    }
}
