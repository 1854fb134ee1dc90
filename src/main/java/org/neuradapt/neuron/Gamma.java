package org.neuradapt.neuron;

/**
 * The two-parameter activation family of Geadah et al. (docs/science.md section 1):
 *
 * <pre>
 *   gamma(x; n, s) = (1 - s) softplus(n x) / n  +  s sigmoid(n x)
 * </pre>
 *
 * n &gt; 0 is the neuronal gain, s in [0, 1] the degree of saturation. This class is the one
 * double-precision form (value, the three partial derivatives, the maximal slope), used by the
 * fused kernels' scalar loops and by the analyses alike; the SameDiff expression lives in
 * {@link GammaActivation}, the float lane form in the fused kernels' VectorGamma.
 */
public final class Gamma {
    /** Above this value of n x, softplus(n x) / n is replaced by x, as the reference does. */
    public static final double LINEAR_CUTOFF = 20.0;

    private Gamma() {}

    /**
     * sigmoid(z), written so that exp never overflows: e = exp(-|z|), then 1/(1 + e) or e/(1 + e).
     * The exp comes before the sign test, so the test compiles to a select, not a branch that
     * random signs (the LSTM's and GRU's gates) mispredict.
     */
    public static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** sp = softplus(n x) / n with the reference's guard: sp = x when n x &gt; 20. */
    public static double softplusOverN(double x, double n) {
        double z = n * x;
        if (z > LINEAR_CUTOFF) return x;
        return Math.log1p(Math.exp(z)) / n;
    }

    /** gamma(x; n, s), guarded as {@link #softplusOverN}; the same arithmetic as {@link #forward}. */
    public static double value(double x, double n, double s) {
        double z = n * x, e = Math.exp(-Math.abs(z)), w = 1 + e, inv = 1 / w;
        double sg = z >= 0 ? inv : e * inv;
        double sp = z > LINEAR_CUTOFF ? x : (Math.max(z, 0.0) + log1pOf(e, w, inv)) / n;
        return (1 - s) * sp + s * sg;
    }

    /**
     * gamma(x; n, s), saving sg = sigmoid(n x) in cache[0] and sp = softplus(n x)/n (guarded) in
     * cache[1] for {@link #partialsCached}: one exp for both, as the fused kernels run it
     * (docs/science.md section 1.4).
     */
    public static double forward(double x, double n, double s, double[] cache) {
        double z = n * x, e = Math.exp(-Math.abs(z)), w = 1 + e, inv = 1 / w;
        double sg = z >= 0 ? inv : e * inv;
        double sp = z > LINEAR_CUTOFF ? x : (Math.max(z, 0.0) + log1pOf(e, w, inv)) / n;
        cache[0] = sg;
        cache[1] = sp;
        return (1 - s) * sp + s * sg;
    }

    /** log(1 + e) from w = fl(1 + e) and inv = 1 / w: log(w) corrected to first order for the rounding of w. */
    private static double log1pOf(double e, double w, double inv) {
        return Math.log(w) + (e - (w - 1)) * inv;
    }

    /**
     * out[0..2] = d gamma/dx, d/dn, d/ds at (x, n, s) from sg = cache[0], sp = cache[1]:
     * d/dx = (1 - s) sp' + s n sg (1 - sg), d/dn = (1 - s) dsp/dn + s x sg (1 - sg),
     * d/ds = sg - sp, with sp' = sg, dsp/dn = (x sg - sp)/n below the guard and sp' = 1,
     * dsp/dn = 0 above it: the derivatives of the guarded function the networks compute.
     */
    public static void partialsCached(double x, double n, double s, double[] cache, double[] out) {
        double sg = cache[0], sp = cache[1];
        double sgp = sg * (1 - sg);
        boolean linear = n * x > LINEAR_CUTOFF;
        double spn = linear ? 0 : (x * sg - sp) / n;
        out[0] = dxOf(sg, linear, n, s);
        out[1] = (1 - s) * spn + s * x * sgp;
        out[2] = sg - sp;
    }

    /** d gamma/dx of the guarded function from what {@link #forward} saved: out[0] of {@link #partialsCached}. */
    public static double dxCached(double x, double n, double s, double[] cache) {
        return dxOf(cache[0], n * x > LINEAR_CUTOFF, n, s);
    }

    /** d gamma/dx of the guarded function, as {@link #partialsCached} computes it (for fixed (n, s): nothing else is needed). */
    public static double dxGuarded(double x, double n, double s) {
        double z = n * x, e = Math.exp(-Math.abs(z)), inv = 1 / (1 + e);
        return dxOf(z >= 0 ? inv : e * inv, z > LINEAR_CUTOFF, n, s);
    }

    /** (1 - s) sp' + s n sg (1 - sg), sp' = 1 in the guard's linear region, sg below it. */
    private static double dxOf(double sg, boolean linear, double n, double s) {
        double sgp = sg * (1 - sg);
        return (1 - s) * (linear ? 1 : sg) + s * n * sgp;
    }

    /** gamma(x; n, s), and out[0..2] = d/dx, d/dn, d/ds ({@link #partialsCached}). */
    public static double partials(double x, double n, double s, double[] out) {
        double v = forward(x, n, s, out);       // out[0] = sg, out[1] = sp
        partialsCached(x, n, s, out, out);      // reads sg, sp before it overwrites out
        return v;
    }

    /**
     * d gamma / dx = (1 - s) sg + s n sg (1 - sg): the smooth family's derivative, the reference's
     * backward formula, without the guard (section 1.4: it keeps sg where n x &gt; 20, a gap below
     * 1e-8). The analyses' contours (section 5.7) are stated for it.
     */
    public static double dx(double x, double n, double s) {
        double sg = sigmoid(n * x);
        return (1 - s) * sg + s * n * sg * (1 - sg);
    }

    /** d gamma / dn = (1 - s)(x sg - sp) / n + s x sg (1 - sg), as {@link #dx} without the guard's zero. */
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
