package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise passes of the LSTM and GRU cells ({@link FusedLstmCell},
 * {@link FusedGruCell}) on SIMD lanes, for float storage when {@link Simd#available()}: the
 * same equations as the cells' scalar loops, L hidden units of one sample at a time (L = 8
 * with AVX2, 16 with AVX-512). Each method handles the units [0, N / L * L) of one sample and
 * returns where the cell's scalar loop must take over.
 *
 * <p>Why: in float the scalar loops spent most of their time in Math.exp (five calls per
 * LSTM unit and step); profiled with JFR at lstm 400/-/196/100, those loops took about a third
 * of the batch, the rest being OpenBLAS (README, Performance). tanh is
 * {@link VectorControllerRows#tanh}; sigmoid(z) = (1 + tanh(z / 2)) / 2, exact in real
 * arithmetic and within 6e-8 absolute in float (the gates are used in absolute terms).
 */
final class VectorGates {
    private static final VectorSpecies<Float> S = VectorControllerRows.S;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f), HALF = FloatVector.broadcast(S, 0.5f),
            ZERO = FloatVector.zero(S);

    private VectorGates() {}

    static FloatVector sigmoid(FloatVector z) {
        return VectorControllerRows.tanh(z.mul(HALF)).fma(HALF, HALF);
    }

    /** {@link FastMath#flushDenormal} on every lane when flushing is on (README, "Denormal floats"). */
    private static FloatVector flush(FloatVector v, boolean on) {
        return on ? v.blend(ZERO, v.abs().lt(Float.MIN_NORMAL)) : v;
    }

    private static FloatVector load(ByteBuffer b, int index) { return FloatVector.fromByteBuffer(S, b, index << 2, ORDER); }

    private static void store(FloatVector v, ByteBuffer b, int index) { v.intoByteBuffer(b, index << 2, ORDER); }

    private static ByteBuffer bytes(Buf b) { return ((Buf.F) b).bytes(); }

    /** LSTM forward of one sample: gates over p at pb (i, f, g, o blocks of N), c_{t-1} at cPrev (-1: zero). */
    static int lstmForward(Buf P, int pb, Buf C, Buf TC, Buf H, int hb, int cPrev, int N) {
        final ByteBuffer p = bytes(P), c = bytes(C), tc = bytes(TC), h = bytes(H);
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector i = sigmoid(load(p, pb + j)), f = sigmoid(load(p, pb + N + j));
            FloatVector g = VectorControllerRows.tanh(load(p, pb + 2 * N + j)), o = sigmoid(load(p, pb + 3 * N + j));
            FloatVector ct = cPrev < 0 ? i.mul(g) : f.fma(load(c, cPrev + j), i.mul(g));
            FloatVector tct = VectorControllerRows.tanh(ct);
            store(i, p, pb + j); store(f, p, pb + N + j); store(g, p, pb + 2 * N + j); store(o, p, pb + 3 * N + j);
            store(ct, c, hb + j);
            store(tct, tc, hb + j);
            store(o.mul(tct), h, hb + j);
        }
        return end;
    }

    /** LSTM backward of one sample (see {@link FusedLstmCell#backward}); dc at db is read and replaced by the carry. */
    static int lstmBackward(Buf P, int pb, Buf C, Buf TC, int hb, int cPrev, Buf dH, Buf dC, int db, int N) {
        final ByteBuffer p = bytes(P), c = bytes(C), tc = bytes(TC), dh = bytes(dH), dc = bytes(dC);
        final boolean fl = FastMath.flushDenormals;
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector i = load(p, pb + j), f = load(p, pb + N + j), g = load(p, pb + 2 * N + j), o = load(p, pb + 3 * N + j);
            FloatVector tct = load(tc, hb + j), d = load(dh, db + j);
            FloatVector cp = cPrev < 0 ? ZERO : load(c, cPrev + j);
            FloatVector dct = d.mul(o).fma(ONE.sub(tct).mul(ONE.add(tct)), load(dc, db + j));
            store(flush(dct.mul(f), fl), dc, db + j);
            store(flush(dct.mul(g).mul(i.mul(ONE.sub(i))), fl), p, pb + j);
            store(flush(dct.mul(cp).mul(f.mul(ONE.sub(f))), fl), p, pb + N + j);
            store(flush(dct.mul(i).mul(ONE.sub(g).mul(ONE.add(g))), fl), p, pb + 2 * N + j);
            store(flush(d.mul(tct).mul(o.mul(ONE.sub(o))), fl), p, pb + 3 * N + j);
        }
        return end;
    }

    /**
     * GRU forward of one sample: r, z, c over p at pb (blocks of N) and the recurrent part q at
     * qb of R, with b_hh in float; h_{t-1} at hPrev (-1: zero). See {@link FusedGruCell#forward}.
     */
    static int gruForward(Buf P, int pb, Buf R, int qb, float[] bhh, Buf QC, Buf H, int hb, int hPrev, int N) {
        final ByteBuffer p = bytes(P), q = bytes(R), qc = bytes(QC), h = bytes(H);
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector r = sigmoid(load(p, pb + j).add(load(q, qb + j)).add(FloatVector.fromArray(S, bhh, j)));
            FloatVector z = sigmoid(load(p, pb + N + j).add(load(q, qb + N + j)).add(FloatVector.fromArray(S, bhh, N + j)));
            FloatVector qv = load(q, qb + 2 * N + j).add(FloatVector.fromArray(S, bhh, 2 * N + j));
            FloatVector c = VectorControllerRows.tanh(r.fma(qv, load(p, pb + 2 * N + j)));
            FloatVector hp = hPrev < 0 ? ZERO : load(h, hPrev + j);
            store(r, p, pb + j); store(z, p, pb + N + j); store(c, p, pb + 2 * N + j);
            store(qv, qc, hb + j);
            store(ONE.sub(z).mul(c).add(z.mul(hp)), h, hb + j);
        }
        return end;
    }

    /**
     * GRU backward of one sample (see {@link FusedGruCell#backward}); the gradients of b_hh
     * for units below the returned index are added into db (3 N floats, per step).
     */
    static int gruBackward(Buf P, int pb, Buf QC, Buf H, int hb, int hPrev, Buf dH, Buf dHprev, Buf dR, int qb, int db, float[] dbhh, int N) {
        final ByteBuffer p = bytes(P), qc = bytes(QC), h = bytes(H), dh = bytes(dH), dhp = bytes(dHprev), dr = bytes(dR);
        final boolean fl = FastMath.flushDenormals;
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector r = load(p, pb + j), z = load(p, pb + N + j), c = load(p, pb + 2 * N + j);
            FloatVector d = load(dh, db + j), hp = hPrev < 0 ? ZERO : load(h, hPrev + j);
            FloatVector dpc = flush(d.mul(ONE.sub(z)).mul(ONE.sub(c).mul(ONE.add(c))), fl);
            FloatVector dpr = flush(dpc.mul(load(qc, hb + j)).mul(r.mul(ONE.sub(r))), fl);
            FloatVector dpz = flush(d.mul(hp.sub(c)).mul(z.mul(ONE.sub(z))), fl);
            FloatVector dqc = flush(dpc.mul(r), fl);
            store(dpr, p, pb + j); store(dpz, p, pb + N + j); store(dpc, p, pb + 2 * N + j);
            store(dpr, dr, qb + j); store(dpz, dr, qb + N + j); store(dqc, dr, qb + 2 * N + j);
            FloatVector.fromArray(S, dbhh, j).add(dpr).intoArray(dbhh, j);
            FloatVector.fromArray(S, dbhh, N + j).add(dpz).intoArray(dbhh, N + j);
            FloatVector.fromArray(S, dbhh, 2 * N + j).add(dqc).intoArray(dbhh, 2 * N + j);
            store(flush(d.mul(z), fl), dhp, db + j);
        }
        return end;
    }
}
