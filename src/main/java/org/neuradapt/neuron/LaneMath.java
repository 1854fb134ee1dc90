package org.neuradapt.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp and log1p on SIMD lanes from additions, multiplications and bit operations only, for
 * {@link LaneActivation}s and the fused kernels' own lane loops (docs/science.md section 2.7).
 * Why not {@code FloatVector.lanewise(EXP)} / {@code LOG1P}: the Vector API computes those with
 * StrictMath per lane until the JIT has compiled the loop and with the CPU's vector math
 * routines after, which differ in the last bit, so the same seed would not give the same run
 * (measured: an evaluation's loss moved at the 1e-10 level between two runs). Basic IEEE
 * operations give the same bits in both, and in every run.
 *
 * <p>Accuracy in float: exp to about 2 ulp (Cody-Waite reduction, the Cephes expf polynomial,
 * as the kernels' scalar tanhFloat), log1p to about 3 ulp on [0, 1].
 */
public final class LaneMath {
    private LaneMath() {}

    // The float exp's constants, one definition for this class and the fused kernels' scalar and
    // SIMD tanh (network.fused.FastMath).
    public static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI - LN2_LO, LN2_HI with few mantissa bits so that n LN2_HI is exact. */
    public static final float LN2_HI = 0.693359375f, LN2_LO = 2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float in [0, 2^22) to an integer held in the low mantissa bits. */
    public static final float ROUND_MAGIC = 12582912f;
    public static final int ROUND_MAGIC_BITS = 0x4B400000;
    /** e^r - 1 = r + r^2 (P0 r^5 + P1 r^4 + ... + P5) on |r| <= ln(2)/2 (Cephes expf). */
    public static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    /** Beyond it e^-x is below Float.MIN_NORMAL: the result stays at e^-87 (about 1.6e-38). */
    private static final float EXP_CLAMP = 87f;

    /** e^-x for x &gt;= 0 on every lane. */
    public static FloatVector expNeg(FloatVector x) {
        FloatVector ax = x.min(EXP_CLAMP);
        FloatVector t = ax.mul(LOG2E).add(ROUND_MAGIC);       // n = round(x log2 e) in the low bits
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.mul(LN2_HI).sub(ax).sub(n.mul(LN2_LO));   // -x + n ln 2, |r| <= ln2 / 2
        FloatVector y = r.mul(P0).add(P1).mul(r).add(P2).mul(r).add(P3).mul(r).add(P4).mul(r).add(P5);
        FloatVector er = y.mul(r.mul(r)).add(r).add(1f);      // e^r
        FloatVector scale = t.reinterpretAsInts().neg().add(ROUND_MAGIC_BITS + 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();   // 2^-n
        return er.mul(scale);
    }

    /**
     * log(1 + e) for e in [0, 1] on every lane: 2 atanh(u), u = e / (2 + e) &lt;= 1/3, by its
     * odd series to u^19 (relative truncation below 1e-10), exact in relative terms as e goes to 0.
     */
    public static FloatVector log1p(FloatVector e) {
        FloatVector u = e.div(e.add(2f)), u2 = u.mul(u);
        FloatVector s = u2.mul(1f / 19).add(1f / 17).mul(u2).add(1f / 15).mul(u2).add(1f / 13).mul(u2).add(1f / 11)
                .mul(u2).add(1f / 9).mul(u2).add(1f / 7).mul(u2).add(1f / 5).mul(u2).add(1f / 3).mul(u2).add(1f);
        return u.mul(s).mul(2f);
    }
}
