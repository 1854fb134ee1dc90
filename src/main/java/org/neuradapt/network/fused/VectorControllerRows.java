package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ControllerRows} for float storage with SIMD lanes (the incubating Vector API; used
 * only when {@link Simd#available()}). Same equations as {@link ScalarControllerRows}, in
 * float, on L neurons at a time (L = 8 with AVX2): the unit-major layout makes every load a
 * contiguous run of neurons, so no lane ever has to be summed with its neighbours. tanh is computed on the lanes as
 * {@link FastMath#tanhFloat}; neurons beyond the last full vector use the scalar function.
 * Why: the controller's tanh over [B*N, M] values per step is most of the ARUN's
 * element-wise time; the scalar Math.exp-based tanh measured about 25 ns per value on this
 * 2-core machine.
 *
 * <p>Loops: neurons in blocks of {@link #BLOCK}; within a block, units outer and neurons
 * inner, so that each unit's neurons are one sequential run (a loop over units inside a
 * vector of neurons strides by R and measured twice as slow: too many streams for the
 * prefetchers). n_t, s_t and dz . u_ag accumulate in small per-block arrays.
 *
 * <p>Gradient accumulators: one float lane vector per (parameter, m), summed into double
 * every {@link #FLUSH} blocks, so float rounding never builds up over B*N*T terms.
 */
final class VectorControllerRows implements ControllerRows {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Neurons per block: units outer, neurons inner within a block (1 KB runs per unit). */
    private static final int BLOCK = 256;
    /** Blocks between flushes of the float lane accumulators into double (so at most 128 terms per lane). */
    private static final int FLUSH = 4;

    private final int M, L;
    private final float[] uag, bg, wgn, wgs;
    private final float[] lanes;    // [4][M][L]: du_ag, db_g, dw_gn, dw_gs per unit and lane
    private final double[] acc;     // [4][M]: the same, flushed and summed over lanes
    // per-block scratch: a_t; n_t, s_t (forward); dn, ds, dL/da (backward)
    private final float[] blockA = new float[BLOCK], blockN = new float[BLOCK], blockS = new float[BLOCK],
            blockDs = new float[BLOCK];
    private int unflushed;

    VectorControllerRows(int M) {
        this.M = M;
        this.L = S.length();
        uag = new float[M]; bg = new float[M]; wgn = new float[M]; wgs = new float[M];
        lanes = new float[4 * M * L];
        acc = new double[4 * M];
    }

    /** Lanes of the preferred float species (8 with AVX2). */
    static int lanes() { return S.length(); }

    @Override
    public void setParameters(double[] uag, double[] bg, double[] wgn, double[] wgs) {
        for (int m = 0; m < M; m++) {
            this.uag[m] = (float) uag[m]; this.bg[m] = (float) bg[m];
            this.wgn[m] = (float) wgn[m]; this.wgs[m] = (float) wgs[m];
        }
    }

    @Override
    public void forward(Buf G, int R, int r0, int r1, Buf A, int aOff, Buf n, Buf s, int nOff, double bn, double bs) {
        for (int b0 = r0; b0 < r1; b0 += BLOCK) forwardBlock(G, R, b0, Math.min(r1, b0 + BLOCK), A, aOff, n, s, nOff, bn, bs);
    }

    /** Units outer, neurons inner: each unit's run of neurons is one sequential stream. */
    private void forwardBlock(Buf G, int R, int b0, int b1, Buf A, int aOff, Buf n, Buf s, int nOff, double bn, double bs) {
        final ByteBuffer g = bytes(G);
        final float[] ns = blockN, ss = blockS, as = blockA;
        final int L = this.L, len = b1 - b0, vecEnd = b0 + len / L * L;
        Arrays.fill(ns, 0, len, (float) bn);
        Arrays.fill(ss, 0, len, (float) bs);
        for (int j = 0; j < len; j++) as[j] = (float) A.get(aOff + b0 + j);
        for (int m = 0; m < M; m++) {
            final FloatVector u = bc(uag[m]), bias = bc(bg[m]), wn = bc(wgn[m]), ws = bc(wgs[m]);
            final int row = m * R;
            int r = b0;
            for (; r < vecEnd; r += L) {
                int at = (row + r) << 2, j = r - b0;
                FloatVector a = FloatVector.fromArray(S, as, j);
                FloatVector v = tanh(a.fma(u, bias).add(FloatVector.fromByteBuffer(S, g, at, ORDER)));
                v.intoByteBuffer(g, at, ORDER);
                v.fma(wn, FloatVector.fromArray(S, ns, j)).intoArray(ns, j);
                v.fma(ws, FloatVector.fromArray(S, ss, j)).intoArray(ss, j);
            }
            for (; r < b1; r++) {
                int at = (row + r) << 2, j = r - b0;
                float v = FastMath.tanhFloat(g.getFloat(at) + as[j] * uag[m] + bg[m]);
                g.putFloat(at, v);
                ns[j] += v * wgn[m];
                ss[j] += v * wgs[m];
            }
        }
        for (int r = b0; r < b1; r++) {
            n.set(nOff + r, ns[r - b0]);
            s.set(nOff + r, ss[r - b0]);
        }
    }

    /**
     * {@link FastMath#tanhFloat} on every lane (same steps, same constants). Kept small and
     * with constant operands so that C2 inlines it: a vector passed to a call that is not
     * inlined is boxed on the heap (measured 4x slower).
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs().min(FastMath.TANH_CLAMP);
        FloatVector t = ax.mul(2f * FastMath.LOG2E).add(FastMath.ROUND_MAGIC);
        FloatVector nf = t.sub(FastMath.ROUND_MAGIC);
        FloatVector r = nf.mul(FastMath.LN2_HI).sub(ax.mul(2f)).sub(nf.mul(FastMath.LN2_LO));
        FloatVector q = r.mul(FastMath.EXP_P0).add(FastMath.EXP_P1).mul(r).add(FastMath.EXP_P2).mul(r).add(FastMath.EXP_P3)
                .mul(r).add(FastMath.EXP_P4).mul(r).add(FastMath.EXP_P5);
        FloatVector pm1 = q.mul(r.mul(r)).add(r);
        FloatVector scale = t.reinterpretAsInts().neg().add(FastMath.ROUND_MAGIC_BITS + 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector em1 = pm1.fma(scale, scale.sub(1f));
        // one division: g = c - num / (1 + e) with (c, num) = (0, e - 1) below TANH_SMALL, (1, 2e) above
        VectorMask<Float> small = ax.lt(FastMath.TANH_SMALL);
        FloatVector num = pm1.fma(scale, scale).mul(2f).blend(em1, small);
        FloatVector g = ONE.blend(ZERO, small).sub(num.div(em1.add(2f)));
        return g.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    @Override
    public void beginBackward() {
        Arrays.fill(lanes, 0f);
        Arrays.fill(acc, 0.0);
        unflushed = 0;
    }

    @Override
    public void backward(Buf G, Buf carry, Buf dZ, int R, int r0, int r1, Buf A, int aOff, double[] dN, double[] dS, double[] dA) {
        for (int b0 = r0; b0 < r1; b0 += BLOCK) {
            backwardBlock(G, carry, dZ, R, b0, Math.min(r1, b0 + BLOCK), A, aOff, dN, dS, dA);
            if (++unflushed == FLUSH) flush();
        }
    }

    private void backwardBlock(Buf G, Buf carry, Buf dZ, int R, int b0, int b1, Buf A, int aOff, double[] dN, double[] dS, double[] dA) {
        final ByteBuffer gb = bytes(G), cb = bytes(carry), zb = bytes(dZ);
        final float[] la = lanes, da = blockS, as = blockA, dns = blockN, dss = blockDs;
        final int L = this.L, len = b1 - b0, vecEnd = b0 + len / L * L, oB = M * L, oN = 2 * M * L, oS = 3 * M * L;
        final boolean flush = FastMath.flushDenormals;
        for (int j = 0, r = b0; j < len; j++, r++) {
            as[j] = (float) A.get(aOff + r);
            dns[j] = (float) dN[r];
            dss[j] = (float) dS[r];
            da[j] = (float) dA[r];
        }
        for (int m = 0; m < M; m++) {
            final FloatVector u = bc(uag[m]), wn = bc(wgn[m]), ws = bc(wgs[m]);
            final int row = m * R, l = m * L;
            FloatVector accU = FloatVector.fromArray(S, la, l), accB = FloatVector.fromArray(S, la, oB + l),
                    accN = FloatVector.fromArray(S, la, oN + l), accS = FloatVector.fromArray(S, la, oS + l);
            int r = b0;
            for (; r < vecEnd; r += L) {
                int at = (row + r) << 2, j = r - b0;
                FloatVector g = FloatVector.fromByteBuffer(S, gb, at, ORDER);
                FloatVector dn = FloatVector.fromArray(S, dns, j);
                FloatVector ds = FloatVector.fromArray(S, dss, j);
                FloatVector dg = dn.fma(wn, FloatVector.fromByteBuffer(S, cb, at, ORDER)).add(ds.mul(ws));
                // 1 - g^2 as (1 - g)(1 + g): exact near saturation, where dg - dg g g would cancel
                FloatVector dz = dg.mul(ONE.sub(g).mul(ONE.add(g)));
                dz = Lanes.flush(dz, flush);
                dz.intoByteBuffer(zb, at, ORDER);
                dz.fma(u, FloatVector.fromArray(S, da, j)).intoArray(da, j);
                accU = dz.fma(FloatVector.fromArray(S, as, j), accU);
                accB = accB.add(dz);
                accN = g.fma(dn, accN);
                accS = g.fma(ds, accS);
            }
            accU.intoArray(la, l);
            accB.intoArray(la, oB + l);
            accN.intoArray(la, oN + l);
            accS.intoArray(la, oS + l);
            for (; r < b1; r++) {
                int at = (row + r) << 2, j = r - b0;
                float g = gb.getFloat(at), dn = dns[j], ds = dss[j];
                float dg = cb.getFloat(at) + dn * wgn[m] + ds * wgs[m];
                float dz = dg * ((1f - g) * (1f + g));
                if (flush) dz = FastMath.flushDenormal(dz);
                zb.putFloat(at, dz);
                da[j] += dz * uag[m];
                acc[m] += dz * as[j];
                acc[M + m] += dz;
                acc[2 * M + m] += dn * g;
                acc[3 * M + m] += ds * g;
            }
        }
        for (int r = b0; r < b1; r++) A.setGrad(aOff + r, da[r - b0]);
    }

    /** Adds the float lane accumulators into the double ones and zeroes them. */
    private void flush() {
        for (int q = 0, i = 0; q < 4 * M; q++) {
            double sum = 0;
            for (int l = 0; l < L; l++, i++) sum += lanes[i];
            acc[q] += sum;
        }
        Arrays.fill(lanes, 0f);
        unflushed = 0;
    }

    @Override
    public double[] gradients() {
        flush();
        return acc.clone();
    }

    private static final FloatVector ONE = FloatVector.broadcast(S, 1f), ZERO = FloatVector.zero(S);

    private static ByteBuffer bytes(Buf b) { return ((Buf.F) b).bytes(); }

    private static FloatVector bc(float x) { return FloatVector.broadcast(S, x); }
}
