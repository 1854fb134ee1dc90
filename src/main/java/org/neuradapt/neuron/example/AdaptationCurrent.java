package org.neuradapt.neuron.example;

import java.util.List;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.neuradapt.neuron.Gamma;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.LaneMath;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.StatefulLanes;

/**
 * Worked example of a neuron with its own state (docs/extending.md; docs/science.md section
 * 10.2): a rate neuron with an adaptation current w, which its own output charges and which is
 * subtracted from its input,
 *
 * <pre>
 *   h_t = softplus(a_t - w_{t-1})
 *   w_t = w_{t-1} + (b h_t - w_{t-1}) / tau
 * </pre>
 *
 * with b_i (strength) and tau_i (time constant, in steps) learned per neuron. A constant input
 * then gives a response that rises and relaxes to a lower level: spike-frequency adaptation in
 * rate form. Options: b0 (initial b, default 0.5) and tau0 (initial tau, default 20).
 * One class and one config (configs/example_adaptation_current.yaml) are all it takes; the
 * optional lane form at the end ({@link StatefulLanes}) brings it to the built-ins' speed.
 */
public final class AdaptationCurrent implements StatefulLanes {
    public static final String STRENGTH = "adapt_b", TIME_CONSTANT = "adapt_tau", CURRENT = "w";
    private final double b0, tau0;

    public AdaptationCurrent(Map<String, Double> options) {
        this.b0 = options.getOrDefault("b0", 0.5);
        this.tau0 = options.getOrDefault("tau0", 20.0);
    }

    @Override
    public List<ParamSpec> parameters(int hidden) {                  // theta = (b, tau), one pair per neuron
        return List.of(new ParamSpec(STRENGTH, new long[]{hidden}, Init.constant(b0)),
                new ParamSpec(TIME_CONSTANT, new long[]{hidden}, Init.constant(tau0)));
    }

    @Override public List<String> stateNames() { return List.of(CURRENT); }   // z = (w)

    @Override
    public double output(double a, double[] z, double[] theta) { return softplus(a - z[0]); }

    @Override
    public void next(double a, double[] z, double h, double[] theta, double[] zNext) {
        zNext[0] = z[0] + (theta[0] * h - z[0]) / theta[1];
    }

    @Override
    public double outputPartials(double a, double[] z, double[] theta, double[] d) {
        double x = a - z[0], sg = Gamma.sigmoid(x);
        d[0] = sg;       // dh/da
        d[1] = -sg;      // dh/dw
        d[2] = 0;        // dh/db
        d[3] = 0;        // dh/dtau
        return softplus(x);
    }

    @Override
    public void nextPartials(double a, double[] z, double h, double[] theta, double[][] d) {
        double b = theta[0], tau = theta[1];
        double[] w = d[0];
        w[0] = 0;                                  // dw'/da (a acts through h only)
        w[1] = 1 - 1 / tau;                        // dw'/dw
        w[2] = b / tau;                            // dw'/dh
        w[3] = h / tau;                            // dw'/db
        w[4] = -(b * h - z[0]) / (tau * tau);      // dw'/dtau
    }

    // ---- the same step on SIMD lanes (StatefulLanes), in float: optional, for speed

    private static final VectorSpecies<Float> L = FloatVector.SPECIES_PREFERRED;

    @Override
    public void forwardLanes(float[] a, float[][] theta, float[][] zPrev, float[] h, float[][] zNext, int n) {
        final float[] b = theta[0], tau = theta[1], w = zPrev[0], w1 = zNext[0];
        final int end = L.loopBound(n);
        final FloatVector zero = FloatVector.zero(L);
        for (int i = 0; i < end; i += L.length()) {
            FloatVector wv = FloatVector.fromArray(L, w, i), x = FloatVector.fromArray(L, a, i).sub(wv);
            FloatVector hv = x.max(zero).add(LaneMath.log1p(LaneMath.expNeg(x.abs())));               // softplus(a - w)
            hv.intoArray(h, i);
            FloatVector.fromArray(L, b, i).mul(hv).sub(wv).div(FloatVector.fromArray(L, tau, i)).add(wv).intoArray(w1, i);
        }
        for (int i = end; i < n; i++) {   // the tail: n mod lanes neurons
            float hv = (float) softplus(a[i] - w[i]);
            h[i] = hv;
            w1[i] = w[i] + (b[i] * hv - w[i]) / tau[i];
        }
    }

    /**
     * The backward recursion of docs/science.md section 10.1 with this model's partials:
     * g_h = dh + dw b / tau; da = g_h sigma; dw_prev = -g_h sigma + dw (1 - 1/tau);
     * db += dw h / tau; dtau -= dw (b h - w) / tau^2, with sigma = sigmoid(a - w).
     */
    @Override
    public void backwardLanes(float[] a, float[][] theta, float[][] zPrev, float[] h, float[] dh, float[][] dz,
                              float[] da, float[][] dzPrev, float[][] dTheta, int n) {
        final float[] b = theta[0], tau = theta[1], w = zPrev[0], dw = dz[0], dw0 = dzPrev[0], db = dTheta[0], dtau = dTheta[1];
        final int end = L.loopBound(n);
        final FloatVector zero = FloatVector.zero(L), one = FloatVector.broadcast(L, 1f);
        for (int i = 0; i < end; i += L.length()) {
            FloatVector wv = FloatVector.fromArray(L, w, i), x = FloatVector.fromArray(L, a, i).sub(wv);
            FloatVector e = LaneMath.expNeg(x.abs()), inv = one.div(one.add(e));
            FloatVector sg = inv.blend(e.mul(inv), x.lt(zero));
            FloatVector bv = FloatVector.fromArray(L, b, i), tv = FloatVector.fromArray(L, tau, i), it = one.div(tv);
            FloatVector d = FloatVector.fromArray(L, dw, i), hv = FloatVector.fromArray(L, h, i);
            FloatVector gs = FloatVector.fromArray(L, dh, i).add(d.mul(bv).mul(it)).mul(sg);
            gs.intoArray(da, i);
            d.mul(one.sub(it)).sub(gs).intoArray(dw0, i);
            FloatVector.fromArray(L, db, i).add(d.mul(hv).mul(it)).intoArray(db, i);
            FloatVector.fromArray(L, dtau, i).sub(d.mul(bv.mul(hv).sub(wv)).mul(it).mul(it)).intoArray(dtau, i);
        }
        for (int i = end; i < n; i++) {
            float sg = (float) Gamma.sigmoid(a[i] - w[i]), it = 1f / tau[i];
            float gs = (dh[i] + dw[i] * b[i] * it) * sg;
            da[i] = gs;
            dw0[i] = dw[i] * (1 - it) - gs;
            db[i] += dw[i] * h[i] * it;
            dtau[i] -= dw[i] * (b[i] * h[i] - w[i]) * it * it;
        }
    }

    private static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
}
