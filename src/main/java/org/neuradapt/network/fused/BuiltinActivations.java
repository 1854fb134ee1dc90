package org.neuradapt.network.fused;

import org.neuradapt.neuron.Gamma;

import org.neuradapt.neuron.PointwiseActivation;

/**
 * The built-in element-wise activations of the fused Elman kernel (docs/science.md sections 1
 * and 2) in the form every {@link PointwiseActivation} has: relu, tanh and softplus without
 * parameters, gamma with theta = (n, s) (fixed, shared or per neuron: {@link FusedElmanCell.Slot}).
 * They use {@link FastMath} and save what BPTT needs in the forward pass.
 */
final class BuiltinActivations {
    private BuiltinActivations() {}

    /** max(a, 0); derivative 0 at a = 0 (as nd4j and PyTorch). */
    static final PointwiseActivation RELU = new PointwiseActivation() {
        public double value(double a, double[] th) { return a > 0 ? a : 0.0; }
        public double partials(double a, double[] th, double[] out) {
            out[0] = a > 0 ? 1.0 : 0.0;
            return a > 0 ? a : 0.0;
        }
        public String name() { return "relu"; }
    };

    /** tanh(a). */
    static final PointwiseActivation TANH = new PointwiseActivation() {
        public double value(double a, double[] th) { return FastMath.tanh(a); }
        public double partials(double a, double[] th, double[] out) {
            double h = FastMath.tanh(a);
            out[0] = 1 - h * h;
            return h;
        }
        public String name() { return "tanh"; }
        @Override public void backward(double a, double[] th, double h, double[] cache, double[] out) { out[0] = 1 - h * h; }
    };

    /** softplus(a) = log(1 + e^a), no cut-off. */
    static final PointwiseActivation SOFTPLUS = new PointwiseActivation() {
        public double value(double a, double[] th) { return FastMath.softplus(a); }
        public double partials(double a, double[] th, double[] out) {
            out[0] = FastMath.sigmoid(a);
            return FastMath.softplus(a);
        }
        public String name() { return "softplus"; }
        @Override public int cacheSize() { return 1; }
        @Override public double forward(double a, double[] th, double[] cache) {
            double e = Math.exp(-Math.abs(a)), w = 1 + e, inv = 1 / w;
            cache[0] = a >= 0 ? inv : e * inv;
            return Math.max(a, 0.0) + Math.log(w) + (e - (w - 1)) * inv;
        }
        @Override public void backward(double a, double[] th, double h, double[] cache, double[] out) { out[0] = cache[0]; }
    };

    /**
     * gamma(a; n, s) = (1 - s) softplus(n a)/n + s sigmoid(n a), theta = (n, s), with the
     * reference's guard (softplus(n a)/n replaced by a when n a &gt; 20), as
     * {@link org.neuradapt.neuron.Gamma}; the partials are those of the guarded function (in
     * the linear region d sp/da = 1, d sp/dn = 0).
     */
    static final PointwiseActivation GAMMA = new PointwiseActivation() {
        public double value(double a, double[] th) { return Gamma.value(a, th[0], th[1]); }
        public double partials(double a, double[] th, double[] out) { return Gamma.partials(a, th[0], th[1], out); }
        public String name() { return "gamma"; }
        @Override public int cacheSize() { return 2; }
        @Override public double forward(double a, double[] th, double[] cache) { return Gamma.forward(a, th[0], th[1], cache); }
        @Override public void backward(double a, double[] th, double h, double[] cache, double[] out) {
            Gamma.partialsCached(a, th[0], th[1], cache, out);
        }
    };
}
