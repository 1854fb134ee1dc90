package org.neuradapt.neuron.example;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.Activation;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.LaneActivation;
import org.neuradapt.neuron.LaneMath;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.PointwiseActivation;

/**
 * Worked example of an activation family in both forms (docs/extending.md): a
 * smooth threshold-linear f-I curve with a learned gain g_i and threshold c_i per neuron,
 *
 * <pre>
 *   phi(a; g, c) = softplus(g (a - c)) / g
 *   d phi/da = sigma(z),  d phi/dc = -sigma(z),  d phi/dg = (z sigma(z) - softplus(z)) / g^2,   z = g (a - c)
 * </pre>
 *
 * (relu shifted by c as g grows, softplus at g = 1). The fused kernel runs the Java form
 * ({@link PointwiseActivation}); {@link #apply} is the same function as a SameDiff expression,
 * which {@code check-model} holds equal to it. The forward pass saves sigma(z) and softplus(z)
 * so that BPTT needs no exp or log. The run-of-neurons form ({@link LaneActivation}) is the same
 * function on SIMD lanes through the incubating Vector API (exp and log1p from LaneMath), the
 * form the fused kernel uses in float. Options: {@code g0} (initial gain, default 2) and
 * {@code c0} (initial threshold, default 0); g must stay positive.
 */
public final class SoftThreshold implements Activation, LaneActivation {
    public static final String GAIN = "gain", THRESHOLD = "threshold";
    private final double g0, c0;

    public SoftThreshold(Map<String, Double> options) {
        this.g0 = options.getOrDefault("g0", 2.0);
        this.c0 = options.getOrDefault("c0", 0.0);
    }

    @Override
    public List<ParamSpec> parameters(int hidden) {                       // theta = (g, c), one pair per neuron
        return List.of(new ParamSpec(GAIN, new long[] {hidden}, Init.constant(g0)),
                new ParamSpec(THRESHOLD, new long[] {hidden}, Init.constant(c0)));
    }

    @Override
    public double value(double a, double[] theta) {
        double g = theta[0], z = g * (a - theta[1]);
        return softplus(z, Math.exp(-Math.abs(z))) / g;
    }

    @Override
    public double partials(double a, double[] theta, double[] out) {
        double g = theta[0], z = g * (a - theta[1]), e = Math.exp(-Math.abs(z)), sp = softplus(z, e);
        partials(g, z, sigmoid(z, e), sp, out);
        return sp / g;
    }

    @Override public int cacheSize() { return 2; }

    @Override
    public double forward(double a, double[] theta, double[] cache) {
        double g = theta[0], z = g * (a - theta[1]), e = Math.exp(-Math.abs(z));
        cache[0] = sigmoid(z, e);
        cache[1] = softplus(z, e);
        return cache[1] / g;
    }

    @Override
    public void backward(double a, double[] theta, double h, double[] cache, double[] out) {
        double g = theta[0];
        partials(g, g * (a - theta[1]), cache[0], cache[1], out);
    }

    /** out = (d phi/da, d phi/dg, d phi/dc) from z = g (a - c), sigma(z) and softplus(z). */
    private static void partials(double g, double z, double sg, double sp, double[] out) {
        out[0] = sg;
        out[1] = (z * sg - sp) / (g * g);
        out[2] = -sg;
    }

    /** sigma(z) given e = exp(-|z|). */
    private static double sigmoid(double z, double e) { return z >= 0 ? 1 / (1 + e) : e / (1 + e); }

    /** softplus(z) = log(1 + e^z) given e = exp(-|z|), stable for all z. */
    private static double softplus(double z, double e) { return Math.max(z, 0.0) + Math.log(1 + e); }

    // ---- the same function on SIMD lanes (LaneActivation), in float

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void forwardLanes(float[] a, float[][] theta, float[] h, float[][] cache, int n) {
        final float[] g = theta[0], c = theta[1], sgc = cache[0], spc = cache[1];
        final int end = S.loopBound(n);
        final FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector z = FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, c, i)).mul(gv);
            FloatVector e = LaneMath.expNeg(z.abs()), inv = one.div(one.add(e));
            FloatVector sg = inv.blend(e.mul(inv), z.lt(zero));
            FloatVector sp = z.max(zero).add(LaneMath.log1p(e));
            sg.intoArray(sgc, i);
            sp.intoArray(spc, i);
            sp.div(gv).intoArray(h, i);
        }
        for (int i = end; i < n; i++) {   // the tail: n mod lanes values
            double z = g[i] * ((double) a[i] - c[i]), e = Math.exp(-Math.abs(z));
            sgc[i] = (float) sigmoid(z, e);
            spc[i] = (float) softplus(z, e);
            h[i] = (float) (softplus(z, e) / g[i]);
        }
    }

    @Override
    public void backwardLanes(float[] a, float[][] theta, float[] h, float[][] cache, float[] dh, float[] da, float[][] dTheta, int n) {
        final float[] g = theta[0], c = theta[1], sgc = cache[0], spc = cache[1], dg = dTheta[0], dc = dTheta[1];
        final int end = S.loopBound(n);
        for (int i = 0; i < end; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, i), sg = FloatVector.fromArray(S, sgc, i), d = FloatVector.fromArray(S, dh, i);
            FloatVector z = FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, c, i)).mul(gv);
            FloatVector dsg = d.mul(sg);
            dsg.intoArray(da, i);
            d.mul(z.mul(sg).sub(FloatVector.fromArray(S, spc, i))).div(gv.mul(gv)).add(FloatVector.fromArray(S, dg, i)).intoArray(dg, i);
            FloatVector.fromArray(S, dc, i).sub(dsg).intoArray(dc, i);
        }
        for (int i = end; i < n; i++) {
            float z = g[i] * (a[i] - c[i]), sg = sgc[i];
            da[i] = dh[i] * sg;
            dg[i] += dh[i] * (z * sg - spc[i]) / (g[i] * g[i]);
            dc[i] -= dh[i] * sg;
        }
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) {
        SDVariable g = p.get(GAIN);
        return sd.nn.softplus(a.sub(p.get(THRESHOLD)).mul(g)).mul(g.rdiv(1.0));   // mul by 1/g: see GammaActivation.expression
    }
}
