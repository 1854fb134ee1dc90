package org.neuradapt.neuron;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The gamma activation family (docs/science.md section 1) in its three static forms: fixed (n, s),
 * learned homogeneous (one n and one s for all neurons) and learned heterogeneous (n_i, s_i per
 * neuron), in both forms: {@link #expression}, the one SameDiff expression of gamma (also used by
 * the ARUN), and the Java form the fused kernel runs ({@link PointwiseActivation}, through
 * {@link Gamma}'s one-exp arithmetic).
 *
 * <p>Java form: learned, theta = (n, s) in the order of {@link #parameters}; fixed, nothing is
 * learned (theta is empty, or holds the constants where the fused kernel lays them out to record
 * n and s as signals) and only d gamma/da is written, from the constants of {@link #fixed}.
 */
public final class GammaActivation implements Activation, PointwiseActivation {

    /** How n and s are held. */
    public enum Mode { FIXED, HOMOGENEOUS, HETEROGENEOUS }

    public static final String GAIN = "n", SATURATION = "s";

    private final Mode mode;
    private final double n0, s0;

    private GammaActivation(Mode mode, double n0, double s0) {
        this.mode = mode;
        this.n0 = n0;
        this.s0 = s0;
    }

    /** gamma with constant (n, s), nothing learned. */
    public static GammaActivation fixed(double n, double s) { return new GammaActivation(Mode.FIXED, n, s); }

    /** gamma with learned n and s, shared (homogeneous) or per neuron (heterogeneous); n_0 = 5 + 2 U(0,1), s_0 = 0. */
    public static GammaActivation learned(boolean heterogeneous) {
        return new GammaActivation(heterogeneous ? Mode.HETEROGENEOUS : Mode.HOMOGENEOUS, Double.NaN, 0.0);
    }

    public Mode mode() { return mode; }

    /** The constant n of {@link Mode#FIXED} (NaN otherwise). */
    public double fixedGain() { return mode == Mode.FIXED ? n0 : Double.NaN; }

    /** The constant s of {@link Mode#FIXED} (NaN otherwise). */
    public double fixedSaturation() { return mode == Mode.FIXED ? s0 : Double.NaN; }

    @Override public String name() { return "gamma"; }

    @Override
    public double value(double a, double[] th) {
        return mode == Mode.FIXED ? Gamma.value(a, n0, s0) : Gamma.value(a, th[0], th[1]);
    }

    @Override
    public double partials(double a, double[] th, double[] out) {
        if (mode != Mode.FIXED) return Gamma.partials(a, th[0], th[1], out);
        out[0] = Gamma.dxGuarded(a, n0, s0);
        return Gamma.value(a, n0, s0);
    }

    /** Saves sigmoid(n a) and softplus(n a)/n ({@link Gamma#forward}). */
    @Override public int cacheSize() { return 2; }

    @Override
    public double forward(double a, double[] th, double[] cache) {
        return mode == Mode.FIXED ? Gamma.forward(a, n0, s0, cache) : Gamma.forward(a, th[0], th[1], cache);
    }

    @Override
    public void backward(double a, double[] th, double h, double[] cache, double[] out) {
        if (mode == Mode.FIXED) out[0] = Gamma.dxCached(a, n0, s0, cache);
        else Gamma.partialsCached(a, th[0], th[1], cache, out);
    }

    @Override
    public List<ParamSpec> parameters(int hidden) {
        if (mode == Mode.FIXED) return List.of();
        long k = mode == Mode.HETEROGENEOUS ? hidden : 1;
        return List.of(new ParamSpec(GAIN, new long[] {k}, Init.initialGain()),
                new ParamSpec(SATURATION, new long[] {k}, Init.constant(s0)));
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> params) {
        if (mode == Mode.FIXED) {
            SDVariable n = sd.constant(org.nd4j.linalg.factory.Nd4j.scalar(a.dataType(), n0));
            SDVariable s = sd.constant(org.nd4j.linalg.factory.Nd4j.scalar(a.dataType(), s0));
            return expression(sd, a, n, s);
        }
        return expression(sd, a, params.get(GAIN), params.get(SATURATION));
    }

    /**
     * gamma(x; n, s) = (1 - s) softplus(n x) / n + s sigmoid(n x), with the reference's guard
     * (docs/science.md section 1): where n x &gt; 20 the softplus term is x. The softplus is evaluated
     * at min(n x, 20) and masked, so neither branch overflows and the masked-out branch adds no
     * inf * 0 to the gradients: they stay finite for |x| up to 1e4 and n in [0.1, 50].
     * n and s broadcast against x: scalars, [N], or [B, N].
     */
    public static SDVariable expression(SameDiff sd, SDVariable x, SDVariable n, SDVariable s) {
        SDVariable z = x.mul(n);
        // the comparison has no gradient: `linear` is a constant 0/1 mask
        SDVariable linear = z.gt(Gamma.LINEAR_CUTOFF).castTo(x.dataType());
        // multiply by 1/n rather than divide: SameDiff 1.0.0-M2.1's div back-propagation is wrong when
        // n broadcasts over the batch (it multiplies dL/dn by the element count; NetworkGradientTest caught it)
        SDVariable softplusOverN = sd.nn.softplus(sd.scalarMin(z, Gamma.LINEAR_CUTOFF)).mul(n.rdiv(1.0));
        SDVariable sp = linear.mul(x).add(linear.rsub(1.0).mul(softplusOverN));
        return s.rsub(1.0).mul(sp).add(s.mul(sd.nn.sigmoid(z)));
    }
}
