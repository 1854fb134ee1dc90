package org.neuradapt.network.fused;

import org.neuradapt.neuron.LaneMath;

/**
 * Float element-wise math of the kernels: the denormal flush of BPTT gradients and the float
 * tanh of the SIMD loops' scalar tails. The double forms are the neuron models' own
 * ({@link org.neuradapt.neuron.ClassicActivation#tanh}, {@link org.neuradapt.neuron.Gamma}).
 */
final class FastMath {
    private FastMath() {}

    /*
     * Denormal floats. Gradients that vanish through BPTT pass through the float denormal range
     * (|x| < Float.MIN_NORMAL = 1.18e-38) on their way to 0, and on many Intel CPUs every
     * operation on a denormal takes a slow microcode path: issue 10 measured one OpenBLAS sgemm
     * [50, 1600] x [1600, 400] at 40.6 GFLOP/s with normal operands and 0.5 GFLOP/s with one
     * operand holding denormals (2-core Intel with AVX-512), and lstm 400/-/T/100 at 0.49 s per
     * batch at T = 49 but 10-12 s at T = 196 (gru 8.9 s, rnn_relu 0.21 s). The JVM cannot set the
     * FTZ/DAZ flags (what torch.set_flush_denormal does), so the kernels flush instead: every
     * BPTT gradient written in float by the element-wise passes (dL/dp_t, dL/dR, the direct
     * dL/dh_{t-1}, the LSTM cell carry, the ARUN controller's dz) goes through flushDenormal,
     * so no sgemm operand of the backward pass holds a denormal. The change is below 1.2e-38
     * absolute per value, far inside the float equality tolerances; double storage is unchanged.
     * Switched off (for measurement) by -Dneuradapt.flushDenormals=false, FastKernels
     * .setFlushDenormals(false) or ./neuradapt bench --no-flush-denormals. Measured effect:
     * docs/performance.md, "Denormal floats".
     */
    /** Whether float BPTT gradients are flushed to 0 below Float.MIN_NORMAL (process-wide; default on). */
    static boolean flushDenormals = !"false".equalsIgnoreCase(System.getProperty("neuradapt.flushDenormals", "true"));

    /** x, or +0 when x is a denormal float (|x| &lt; Float.MIN_NORMAL) or -0; normal floats, infinities and NaN bit-identical. */
    static float flushDenormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    /*
     * tanh in float without Math.exp (scalar twin of the SIMD loop in VectorControllerRows).
     * e = e^{-2|x|} by Cody-Waite range reduction, -2|x| = -n ln 2 + r with |r| <= ln(2)/2,
     * e = (1 + P(r)) 2^-n with P(r) = e^r - 1 from the Cephes expf polynomial (relative error
     * about 1e-7); |x| clamped to 10 (tanh rounds to 1 in float beyond 9.01). Then, with the sign
     * put back, tanh|x| = -E / (1 + e) for |x| < 1/2 where E = e - 1 = P 2^-n + (2^-n - 1) keeps
     * the relative accuracy near 0, and tanh|x| = 1 - 2e / (1 + e) above, where 2e / (1 + e)
     * = 1 - tanh|x| keeps its relative accuracy up to the final rounding. Why not a cheaper
     * rational approximation of tanh: BPTT needs 1 - g^2, so near saturation 1 - |g| must stay
     * accurate to float rounding; a [13/6] rational (absolute error 3.4e-7) measured gradient
     * errors of 1e-3 against double.
     */
    static final float TANH_CLAMP = 10f;
    // the float exp's constants are LaneMath's (one definition for both)
    static final float LOG2E = LaneMath.LOG2E, LN2_HI = LaneMath.LN2_HI, LN2_LO = LaneMath.LN2_LO, ROUND_MAGIC = LaneMath.ROUND_MAGIC;
    static final int ROUND_MAGIC_BITS = LaneMath.ROUND_MAGIC_BITS;
    static final float EXP_P0 = LaneMath.P0, EXP_P1 = LaneMath.P1, EXP_P2 = LaneMath.P2, EXP_P3 = LaneMath.P3,
            EXP_P4 = LaneMath.P4, EXP_P5 = LaneMath.P5;
    /** Below this |x| tanh is formed from e - 1, above from 1 - tanh. */
    static final float TANH_SMALL = 0.5f;

    static float tanhFloat(float x) {
        float ax = Math.min(Math.abs(x), TANH_CLAMP);
        float t = Math.fma(ax, 2f * LOG2E, ROUND_MAGIC);        // n = round(2|x| log2 e), in t's low bits
        float nf = t - ROUND_MAGIC;
        int n = Float.floatToRawIntBits(t) - ROUND_MAGIC_BITS;
        float r = Math.fma(nf, LN2_HI, -2f * ax);                // -2|x| + n ln 2, in two parts
        r = Math.fma(nf, -LN2_LO, r);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(EXP_P0, r, EXP_P1), r, EXP_P2), r, EXP_P3), r, EXP_P4), r, EXP_P5);
        float pm1 = Math.fma(q, r * r, r);                       // e^r - 1
        float scale = Float.intBitsToFloat((127 - n) << 23);     // 2^-n
        float em1 = Math.fma(pm1, scale, scale - 1f);             // e - 1
        float g = ax < TANH_SMALL ? -em1 / (2f + em1) : 1f - 2f * Math.fma(pm1, scale, scale) / (2f + em1);
        return Math.copySign(g, x);
    }

}
