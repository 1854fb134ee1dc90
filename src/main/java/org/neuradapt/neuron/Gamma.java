package org.neuradapt.neuron;

/**
 * The two-parameter activation family of Geadah et al. (docs/science.md section 1):
 *
 * <pre>
 *   gamma(x; n, s) = (1 - s) softplus(n x) / n  +  s sigmoid(n x)
 * </pre>
 *
 * n &gt; 0 is the neuronal gain, s in [0, 1] the degree of saturation. This class is the
 * pure double-precision math (value, the three partial derivatives, the maximal slope);
 * the SameDiff expression lives in {@link GammaActivation}.
 */
public final class Gamma {
    /** Above this value of n x, softplus(n x) / n is replaced by x, as the reference does. */
    public static final double LINEAR_CUTOFF = 20.0;

    private Gamma() {}

    /** sigmoid(z), written so that exp never overflows. */
    public static double sigmoid(double z) {
        if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** sp = softplus(n x) / n with the reference's guard: sp = x when n x &gt; 20. */
    public static double softplusOverN(double x, double n) {
        double z = n * x;
        if (z > LINEAR_CUTOFF) return x;
        return Math.log1p(Math.exp(z)) / n;
    }

    /** gamma(x; n, s). */
    public static double value(double x, double n, double s) {
        return (1 - s) * softplusOverN(x, n) + s * sigmoid(n * x);
    }

    /** d gamma / dx = (1 - s) sg + s n sg (1 - sg). */
    public static double dx(double x, double n, double s) {
        double sg = sigmoid(n * x);
        return (1 - s) * sg + s * n * sg * (1 - sg);
    }

    /** d gamma / dn = (1 - s)(x sg - sp) / n + s x sg (1 - sg). */
    public static double dn(double x, double n, double s) {
        double sg = sigmoid(n * x);
        double sp = softplusOverN(x, n);
        return (1 - s) * (x * sg - sp) / n + s * x * sg * (1 - sg);
    }

    /** d gamma / ds = sg - sp. */
    public static double ds(double x, double n, double s) {
        return sigmoid(n * x) - softplusOverN(x, n);
    }

    /**
     * sup_x d gamma / dx = (1 + s (n - 1))^2 / (4 n s) if s &gt; 1 / (n + 1), else 1 - s
     * (docs/science.md section 1; used by the edge-of-chaos analysis).
     */
    public static double maxSlope(double n, double s) {
        if (s > 1.0 / (n + 1.0)) {
            double num = 1 + s * (n - 1);
            return num * num / (4 * n * s);
        }
        return 1 - s;
    }

}
