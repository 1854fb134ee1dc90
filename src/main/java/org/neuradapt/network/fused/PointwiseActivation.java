package org.neuradapt.network.fused;

/**
 * An element-wise activation h = phi(a; n, s) with its partial derivatives, the one
 * parameter of the Elman kernel's neuron (docs/science.md sections 1 and 2). Activations without
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

    /**
     * Number of per-element values {@link #forward} saves for {@link #backward} (so that the
     * backward pass needs no transcendental functions); 0 by default.
     */
    default int cacheSize() { return 0; }

    /** phi(a; n, s), saving {@link #cacheSize()} values in cache. */
    default double forward(double a, double n, double s, double[] cache) { return value(a, n, s); }

    /**
     * out[0..2] = d phi/da, d phi/dn, d phi/ds at (a, n, s), given h = phi(a; n, s) and what
     * {@link #forward} saved in cache. Default: {@link #partials}.
     */
    default void backward(double a, double n, double s, double h, double[] cache, double[] out) { partials(a, n, s, out); }

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
        @Override public void backward(double a, double n, double s, double h, double[] cache, double[] out) {
            out[0] = 1 - h * h; out[1] = 0; out[2] = 0;
        }
    };

    /** softplus(a) = log(1 + e^a), no cut-off. */
    PointwiseActivation SOFTPLUS = new PointwiseActivation() {
        public double value(double a, double n, double s) { return FastMath.softplus(a); }
        public double partials(double a, double n, double s, double[] out) {
            out[0] = FastMath.sigmoid(a); out[1] = 0; out[2] = 0;
            return FastMath.softplus(a);
        }
        public String name() { return "softplus"; }
        @Override public int cacheSize() { return 1; }
        @Override public double forward(double a, double n, double s, double[] cache) {
            double e = Math.exp(-Math.abs(a)), w = 1 + e, inv = 1 / w;
            cache[0] = a >= 0 ? inv : e * inv;
            return Math.max(a, 0.0) + Math.log(w) + (e - (w - 1)) * inv;
        }
        @Override public void backward(double a, double n, double s, double h, double[] cache, double[] out) {
            out[0] = cache[0]; out[1] = 0; out[2] = 0;
        }
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
        @Override public int cacheSize() { return 2; }
        @Override public double forward(double a, double n, double s, double[] cache) { return FastMath.gammaForward(a, n, s, cache); }
        @Override public void backward(double a, double n, double s, double h, double[] cache, double[] out) {
            FastMath.gammaPartialsCached(a, n, s, cache, out);
        }
    };
}
