package org.neuradapt.network.fast;

import org.neuradapt.neuron.Gamma;

/**
 * Element-wise math for the kernels, built on the JIT intrinsics Math.exp and Math.log only
 * (Math.tanh, Math.log1p are not intrinsic in Java 17 and several times slower). Accurate to
 * a few ulps (absolute, for tanh near 0).
 */
final class FastMath {
    private FastMath() {}

    /** log(1 + u) for u &gt;= 0 (Goldberg's correction of log(1 + u)). */
    static double log1p(double u) {
        double w = 1.0 + u;
        if (w == 1.0) return u;
        return Math.log(w) * (u / (w - 1.0));
    }

    static double tanh(double z) {
        if (z > 20) return 1.0;
        if (z < -20) return -1.0;
        double e = Math.exp(2 * z);
        return (e - 1) / (e + 1);
    }

    static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** log(1 + e^z), stable for all z. */
    static double softplus(double z) {
        return Math.max(z, 0.0) + log1p(Math.exp(-Math.abs(z)));
    }

    /** gamma(a; n, s) with the guard softplus(n a)/n = a when n a &gt; 20 (SCIENCE.md section 1). */
    static double gamma(double a, double n, double s) {
        double z = n * a;
        double e = Math.exp(-Math.abs(z));
        double w = 1 + e, inv = 1 / w;
        double sg = z >= 0 ? inv : e * inv;
        double sp = z > Gamma.LINEAR_CUTOFF ? a : (Math.max(z, 0.0) + log1pOf(e, w, inv)) / n;
        return (1 - s) * sp + s * sg;
    }

    /**
     * gamma(a; n, s) that also saves sg = sigmoid(n a) in cache[0] and sp = softplus(n a)/n
     * (guarded) in cache[1] for {@link #gammaPartialsCached}.
     */
    static double gammaForward(double a, double n, double s, double[] cache) {
        double z = n * a;
        double e = Math.exp(-Math.abs(z));
        double w = 1 + e, inv = 1 / w;
        double sg = z >= 0 ? inv : e * inv;
        double sp = z > Gamma.LINEAR_CUTOFF ? a : (Math.max(z, 0.0) + log1pOf(e, w, inv)) / n;
        cache[0] = sg;
        cache[1] = sp;
        return (1 - s) * sp + s * sg;
    }

    /** log(1 + e) from w = fl(1 + e) and inv = 1 / w: log(w) corrected to first order for the rounding of w. */
    private static double log1pOf(double e, double w, double inv) {
        return Math.log(w) + (e - (w - 1)) * inv;
    }

    /**
     * out[0..2] = d gamma/da, d/dn, d/ds at (a, n, s) from sg = cache[0], sp = cache[1]:
     * d/da = (1 - s) sp' + s n sg (1 - sg), d/dn = (1 - s) dsp/dn + s a sg (1 - sg),
     * d/ds = sg - sp, with sp' = sg, dsp/dn = (a sg - sp)/n below the guard and sp' = 1,
     * dsp/dn = 0 above it (the derivatives of the guarded function).
     */
    static void gammaPartialsCached(double a, double n, double s, double[] cache, double[] out) {
        double sg = cache[0], sp = cache[1];
        double sgp = sg * (1 - sg);
        boolean linear = n * a > Gamma.LINEAR_CUTOFF;
        double spa = linear ? 1 : sg, spn = linear ? 0 : (a * sg - sp) / n;
        out[0] = (1 - s) * spa + s * n * sgp;
        out[1] = (1 - s) * spn + s * a * sgp;
        out[2] = sg - sp;
    }

    /** Value of gamma(a; n, s) and out[0..2] = d/da, d/dn, d/ds (see {@link #gammaPartialsCached});  */
    static double gammaPartials(double a, double n, double s, double[] out) {
        double value = gammaForward(a, n, s, out);   // out[0] = sg, out[1] = sp
        gammaPartialsCached(a, n, s, out, out);     // reads sg, sp before it overwrites out
        return value;
    }
}
