package org.neuradapt.neuron.example;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.neuradapt.neuron.AdaptationController;
import org.neuradapt.neuron.ArunController;
import org.neuradapt.neuron.ControllerReadout;
import org.neuradapt.neuron.ParamSpec;

/**
 * Worked example of an ARUN variant (docs/extending.md; docs/science.md section
 * 2.7): the ARUN's controller with its read-outs n', s' clamped smoothly, so that gamma's gain
 * stays above a floor and its saturation inside [0, 1] whatever the controller does. With the
 * smooth maximum smax(x) = (x + sqrt(x^2 + w^2))/2 (about max(x, 0), off by at most w/2):
 *
 * <pre>
 *   n = n_min + smax(n' - n_min)               (&gt; n_min; n' when n' - n_min &gt;&gt; w)
 *   s = smax(1 - smax(1 - s'))                 (a smooth clamp of s' to [0, 1]; s' inside it)
 *   smax'(x) = (1 + x / sqrt(x^2 + w^2))/2,  dn/dn' = smax'(n' - n_min),  ds/ds' = smax'(1 - smax(1 - s')) smax'(1 - s')
 * </pre>
 *
 * Why: gamma divides by n, and the ARUN's n' = g . w_gn + b_n is unbounded. Square roots, not
 * softplus: this runs once per neuron and step next to the controller's SIMD loops, and three
 * exp/log pairs there measured as costly as the whole controller. The fused kernel runs the Java
 * form ({@link ControllerReadout}); {@link #step} is the same map in SameDiff after
 * {@link ArunController#step}, and check-model holds the two equal. Options: {@code n_min}
 * (default 0.5) and {@code width} w (default 0.1). Parameters and their initial values are the ARUN's.
 */
public final class ClampedArun implements AdaptationController, ControllerReadout {
    private final ArunController arun = new ArunController();
    private final double nMin, w2;

    public ClampedArun(Map<String, Double> options) {
        this.nMin = options.getOrDefault("n_min", 0.5);
        double w = options.getOrDefault("width", 0.1);
        this.w2 = w * w;
    }

    @Override
    public List<ParamSpec> parameters(int hidden, int size) { return arun.parameters(hidden, size); }

    @Override
    public void readout(double nLin, double sLin, double[] out) {
        double d = nLin - nMin, rd = Math.sqrt(d * d + w2);
        out[0] = nMin + 0.5 * (d + rd);
        out[2] = 0.5 * (1 + d / rd);
        double u = 1 - sLin, ru = Math.sqrt(u * u + w2);
        double s1 = 1 - 0.5 * (u + ru), r1 = Math.sqrt(s1 * s1 + w2);   // s1 = smooth min(s', 1)
        out[1] = 0.5 * (s1 + r1);
        out[5] = 0.5 * (1 + s1 / r1) * 0.5 * (1 + u / ru);
        out[3] = 0;
        out[4] = 0;
    }

    @Override
    public Step step(SameDiff sd, SDVariable a, SDVariable state, Map<String, SDVariable> params, int hidden, int size) {
        Step s = arun.step(sd, a, state, params, hidden, size);
        SDVariable n = smoothMax(sd, s.n().sub(nMin)).add(nMin);
        SDVariable sat = smoothMax(sd, smoothMax(sd, s.s().rsub(1.0)).rsub(1.0));
        return new Step(s.state(), n, sat);
    }

    private SDVariable smoothMax(SameDiff sd, SDVariable x) {
        return x.add(sd.math.sqrt(x.mul(x).add(w2))).mul(0.5);
    }
}
