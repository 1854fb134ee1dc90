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
 * Worked example of an ARUN variant (README, "Adding a neuron model"): the ARUN's controller
 * with its read-outs n', s' clamped smoothly, so that gamma's gain stays above a floor and its
 * saturation inside [0, 1] whatever the controller does:
 *
 * <pre>
 *   n = n_min + softplus(n' - n_min)                          (&gt; n_min; about n' when n' - n_min &gt;&gt; 1)
 *   s = s' - softplus(k (s' - 1))/k + softplus(-k s')/k       (a smooth clamp of s' to [0, 1])
 *   dn/dn' = sigmoid(n' - n_min),  ds/ds' = 1 - sigmoid(k (s' - 1)) - sigmoid(-k s')
 * </pre>
 *
 * Why: gamma divides by n, and the ARUN's n' = g . w_gn + b_n is unbounded. The fused kernel
 * runs the Java form ({@link ControllerReadout}); {@link #step} is the same map in SameDiff after
 * {@link ArunController#step}, and check-model holds the two equal. Options: {@code n_min}
 * (default 0.5), {@code k} (default 10). Parameters and their initial values are the ARUN's.
 */
public final class ClampedArun implements AdaptationController, ControllerReadout {
    private final ArunController arun = new ArunController();
    private final double nMin, k;

    public ClampedArun(Map<String, Double> options) {
        this.nMin = options.getOrDefault("n_min", 0.5);
        this.k = options.getOrDefault("k", 10.0);
    }

    @Override
    public List<ParamSpec> parameters(int hidden, int size) { return arun.parameters(hidden, size); }

    @Override
    public void readout(double nLin, double sLin, double[] out) {
        double zn = nLin - nMin, hi = k * (sLin - 1), lo = -k * sLin;
        out[0] = nMin + softplus(zn);
        out[1] = sLin - softplus(hi) / k + softplus(lo) / k;
        out[2] = sigmoid(zn);
        out[3] = 0;
        out[4] = 0;
        out[5] = 1 - sigmoid(hi) - sigmoid(lo);
    }

    private static double softplus(double z) { return Math.max(z, 0.0) + Math.log(1 + Math.exp(-Math.abs(z))); }

    private static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    @Override
    public Step step(SameDiff sd, SDVariable a, SDVariable state, Map<String, SDVariable> params, int hidden, int size) {
        Step s = arun.step(sd, a, state, params, hidden, size);
        SDVariable n = sd.nn.softplus(s.n().sub(nMin)).add(nMin);
        SDVariable sl = s.s();
        SDVariable sat = sl.sub(sd.nn.softplus(sl.sub(1.0).mul(k)).div(k)).add(sd.nn.softplus(sl.mul(-k)).div(k));
        return new Step(s.state(), n, sat);
    }
}
