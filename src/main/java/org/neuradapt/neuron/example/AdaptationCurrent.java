package org.neuradapt.neuron.example;

import java.util.List;
import java.util.Map;
import org.neuradapt.neuron.Init;
import org.neuradapt.neuron.ParamSpec;
import org.neuradapt.neuron.StatefulNeuron;

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
 * One class and one config (configs/example_adaptation_current.yaml) are all it takes.
 */
public final class AdaptationCurrent implements StatefulNeuron {
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
        double x = a - z[0], sg = sigmoid(x);
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

    private static double sigmoid(double x) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); }

    private static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }
}
