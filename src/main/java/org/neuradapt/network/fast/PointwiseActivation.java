package org.neuradapt.network.fast;

/**
 * An element-wise activation h = phi(a; n, s) with its partial derivatives, the one
 * parameter of the Elman kernel's neuron (SCIENCE.md sections 1-2). Activations without
 * shape parameters ignore n and s and report zero partials for them.
 */
public interface PointwiseActivation {

    /** phi(a; n, s). */
    double value(double a, double n, double s);

    /**
     * Writes d phi/da, d phi/dn, d phi/ds at (a, n, s) into out[0..2] and returns phi(a; n, s).
     */
    double partials(double a, double n, double s, double[] out);

    /** Identifier (relu, tanh, softplus, gamma). */
    String name();

    /** max(a, 0); derivative 0 at a = 0 (as nd4j and PyTorch). */
    PointwiseActivation RELU = new PointwiseActivation() {
        public double value(double a, double n, double s) { return a > 0 ? a : 0.0; }
        public double partials(double a, double n, double s, double[] out) {
            out[0] = a > 0 ? 1.0 : 0.0; out[1] = 0; out[2] = 0;
            return a > 0 ? a : 0.0;
        }
        public String name() { return "relu"; }
    };

    /** tanh(a). */
    PointwiseActivation TANH = new PointwiseActivation() {
        public double value(double a, double n, double s) { return FastMath.tanh(a); }
        public double partials(double a, double n, double s, double[] out) {
            double h = FastMath.tanh(a);
            out[0] = 1 - h * h; out[1] = 0; out[2] = 0;
            return h;
        }
        public String name() { return "tanh"; }
    };

    /** softplus(a) = log(1 + e^a), no cut-off. */
    PointwiseActivation SOFTPLUS = new PointwiseActivation() {
        public double value(double a, double n, double s) { return FastMath.softplus(a); }
        public double partials(double a, double n, double s, double[] out) {
            out[0] = FastMath.sigmoid(a); out[1] = 0; out[2] = 0;
            return FastMath.softplus(a);
        }
        public String name() { return "softplus"; }
    };

    /**
     * gamma(a; n, s) = (1 - s) softplus(n a)/n + s sigmoid(n a) with the reference's guard
     * (softplus(n a)/n replaced by a when n a &gt; 20), as {@link org.neuradapt.neuron.Gamma};
     * the partials are those of the guarded function (in the linear region d sp/da = 1,
     * d sp/dn = 0).
     */
    PointwiseActivation GAMMA = new PointwiseActivation() {
        public double value(double a, double n, double s) { return FastMath.gamma(a, n, s); }
        public double partials(double a, double n, double s, double[] out) { return FastMath.gammaPartials(a, n, s, out); }
        public String name() { return "gamma"; }
    };
}
