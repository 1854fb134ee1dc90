package org.neuradapt.neuron;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The fixed activations of the paper's baselines (docs/science.md section 2): relu, tanh,
 * softplus, each in both forms: the SameDiff expression ({@link Activation}) and the Java form
 * the fused kernel runs ({@link PointwiseActivation}, no parameters), plus the slope phi'(a)
 * the Jacobian analyses use (docs/science.md sections 5.5 and 5.6).
 *
 * <p>The Java forms use {@link #tanh} and {@link #softplus}, built on the JIT intrinsics
 * Math.exp and Math.log only (Math.tanh and Math.log1p are not intrinsic in Java 17 and several
 * times slower), accurate to a few ulps; the gated cells of the fused kernel use them too.
 */
public enum ClassicActivation implements Activation, PointwiseActivation {
    /** max(a, 0); slope 1 where a &gt; 0, else 0 (0 at a = 0, as nd4j and PyTorch have it). */
    RELU {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.nn.relu(a, 0.0); }
        @Override public double slope(double a) { return a > 0 ? 1 : 0; }
        @Override public double value(double a, double[] th) { return a > 0 ? a : 0.0; }
        @Override public double partials(double a, double[] th, double[] out) {
            out[0] = a > 0 ? 1.0 : 0.0;
            return a > 0 ? a : 0.0;
        }
    },
    TANH {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.math.tanh(a); }
        @Override public double slope(double a) {
            double t = Math.tanh(a);
            return 1 - t * t;
        }
        @Override public double value(double a, double[] th) { return tanh(a); }
        @Override public double partials(double a, double[] th, double[] out) {
            double h = tanh(a);
            out[0] = 1 - h * h;
            return h;
        }
        @Override public void backward(double a, double[] th, double h, double[] cache, double[] out) { out[0] = 1 - h * h; }
    },
    /** log(1 + e^a), no cut-off; slope sigmoid(a). */
    SOFTPLUS {
        @Override public SDVariable apply(SameDiff sd, SDVariable a, Map<String, SDVariable> p) { return sd.nn.softplus(a); }
        @Override public double slope(double a) { return Gamma.sigmoid(a); }
        @Override public double value(double a, double[] th) { return softplus(a); }
        @Override public double partials(double a, double[] th, double[] out) {
            out[0] = Gamma.sigmoid(a);
            return softplus(a);
        }
        @Override public int cacheSize() { return 1; }
        /** One exp for the value and the sigmoid that BPTT needs. */
        @Override public double forward(double a, double[] th, double[] cache) {
            double e = Math.exp(-Math.abs(a)), w = 1 + e, inv = 1 / w;
            cache[0] = a >= 0 ? inv : e * inv;
            return Math.max(a, 0.0) + Math.log(w) + (e - (w - 1)) * inv;
        }
        @Override public void backward(double a, double[] th, double h, double[] cache, double[] out) { out[0] = cache[0]; }
    };

    /** phi'(a). */
    public abstract double slope(double a);

    /** tanh(z) from one Math.exp; exactly +-1 beyond |z| = 20. */
    public static double tanh(double z) {
        if (z > 20) return 1.0;
        if (z < -20) return -1.0;
        double e = Math.exp(2 * z);
        return (e - 1) / (e + 1);
    }

    /** log(1 + e^z), stable for all z. */
    public static double softplus(double z) {
        return Math.max(z, 0.0) + log1p(Math.exp(-Math.abs(z)));
    }

    /** log(1 + u) for u &gt;= 0 from Math.log (Goldberg's correction of log(1 + u)). */
    public static double log1p(double u) {
        double w = 1.0 + u;
        if (w == 1.0) return u;
        return Math.log(w) * (u / (w - 1.0));
    }
}
