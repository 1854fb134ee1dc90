package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * gamma(a; n, s) on SIMD lanes in float (docs/science.md section 1, with the reference's
 * guard softplus(n a)/n = a above n a = 20), for the ARUN's per-neuron activation with its
 * per-step (n_t, s_t), and for the Elman cell's built-in gamma with its per-neuron (n_i, s_i):
 * the same steps as {@link org.neuradapt.neuron.Gamma#forward}, with exp and log1p from
 * {@link org.neuradapt.neuron.LaneMath} (basic operations only, so the same bits whether the
 * JIT has compiled the loop or not). Why: profiled with JFR at arun 64/8/196/32, the
 * scalar gamma loop (Math.exp and Math.log in double per neuron and step) took as long as the
 * SIMD controller loops (the scalar double exp + log1p cost about 50 ns per value here).
 */
final class VectorGamma {
    private static final FloatVector ONE = Lanes.ONE, ZERO = Lanes.ZERO;
    private static final int L = Lanes.L;
    private static final float CUTOFF = (float) org.neuradapt.neuron.Gamma.LINEAR_CUTOFF;

    private VectorGamma() {}

    /**
     * H[aOff + r] = gamma(A[aOff + r]; n[nOff + r], s[nOff + r]) for r in [0, R / L * L), saving
     * sigmoid(n a) into SG[cOff + r] and the guarded softplus(n a)/n into SP[cOff + r] when SG
     * is not null; returns where the scalar loop must take over.
     */
    static int forward(Buf A, int aOff, Buf n, Buf s, int nOff, Buf H, Buf SG, Buf SP, int cOff, int R) {
        final ByteBuffer ab = Lanes.bytes(A), nb = Lanes.bytes(n), sb = Lanes.bytes(s), hb = Lanes.bytes(H);
        final ByteBuffer sgb = SG == null ? null : Lanes.bytes(SG), spb = SG == null ? null : Lanes.bytes(SP);
        final int end = R / L * L;
        for (int r = 0; r < end; r += L) {
            FloatVector a = Lanes.load(ab, aOff + r), nv = Lanes.load(nb, nOff + r), sv = Lanes.load(sb, nOff + r);
            FloatVector z = a.mul(nv);
            FloatVector e = org.neuradapt.neuron.LaneMath.expNeg(z.abs());
            FloatVector inv = ONE.div(ONE.add(e));
            VectorMask<Float> neg = z.lt(ZERO);
            FloatVector sg = inv.blend(e.mul(inv), neg);
            FloatVector sp = z.max(ZERO).add(org.neuradapt.neuron.LaneMath.log1p(e)).div(nv).blend(a, z.compare(VectorOperators.GT, CUTOFF));
            Lanes.store(ONE.sub(sv).mul(sp).add(sv.mul(sg)), hb, aOff + r);
            if (sgb != null) {
                Lanes.store(sg, sgb, cOff + r);
                Lanes.store(sp, spb, cOff + r);
            }
        }
        return end;
    }

    /**
     * Backward through gamma for r in [0, R / L * L), from the saved sg = SG[cOff + r] and
     * sp = SP[cOff + r] ({@link org.neuradapt.neuron.Gamma#partialsCached}, same steps): replaces
     * A[aOff + r] by dL/da = dh gamma_a (dh = dH[dOff + r]) and adds dh gamma_n into dN[r] and
     * dh gamma_s into dS[r]; returns where the scalar loop must take over.
     */
    static int backward(Buf A, int aOff, Buf n, Buf s, int nOff, Buf dH, int dOff, Buf SG, Buf SP, int cOff, float[] dN, float[] dS, int R) {
        final ByteBuffer ab = Lanes.bytes(A), nb = Lanes.bytes(n), sb = Lanes.bytes(s), db = Lanes.bytes(dH), sgb = Lanes.bytes(SG), spb = Lanes.bytes(SP);
        final boolean flush = FastMath.flushDenormals;
        final int end = R / L * L;
        for (int r = 0; r < end; r += L) {
            FloatVector a = Lanes.load(ab, aOff + r), nv = Lanes.load(nb, nOff + r), sv = Lanes.load(sb, nOff + r), dh = Lanes.load(db, dOff + r);
            FloatVector sg = Lanes.load(sgb, cOff + r), sp = Lanes.load(spb, cOff + r);
            FloatVector sgp = sg.mul(ONE.sub(sg)), oneMinusS = ONE.sub(sv);
            VectorMask<Float> linear = a.mul(nv).compare(VectorOperators.GT, CUTOFF);
            FloatVector spa = sg.blend(ONE, linear), spn = a.mul(sg).sub(sp).div(nv).blend(ZERO, linear);
            FloatVector da = dh.mul(oneMinusS.mul(spa).add(sv.mul(nv).mul(sgp)));
            Lanes.store(Lanes.flush(da, flush), ab, aOff + r);
            dh.mul(oneMinusS.mul(spn).add(sv.mul(a).mul(sgp))).add(FloatVector.fromArray(Lanes.S, dN, r)).intoArray(dN, r);
            dh.mul(sg.sub(sp)).add(FloatVector.fromArray(Lanes.S, dS, r)).intoArray(dS, r);
        }
        return end;
    }
}
