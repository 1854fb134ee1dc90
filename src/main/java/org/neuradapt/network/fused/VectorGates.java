package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;

/**
 * The element-wise passes of the LSTM and GRU cells ({@link FusedLstmCell},
 * {@link FusedGruCell}) on SIMD lanes, for float storage when {@link Simd#available()}: the
 * same equations as the cells' scalar loops, L hidden units of one sample at a time (L = 8
 * with AVX2, 16 with AVX-512). Each method handles the units [0, N / L * L) of one sample and
 * returns where the cell's scalar loop must take over.
 *
 * <p>Why: in float the scalar loops spent most of their time in Math.exp (five calls per
 * LSTM unit and step); profiled with JFR at lstm 400/-/196/100, those loops took about a third
 * of the batch, the rest being OpenBLAS (docs/performance.md). tanh is
 * {@link VectorControllerRows#tanh}; sigmoid(z) = (1 + tanh(z / 2)) / 2, exact in real
 * arithmetic and within 6e-8 absolute in float (the gates are used in absolute terms).
 */
final class VectorGates {
    private static final FloatVector ONE = Lanes.ONE, HALF = FloatVector.broadcast(Lanes.S, 0.5f), ZERO = Lanes.ZERO;
    private static final int L = Lanes.L;

    private VectorGates() {}

    static FloatVector sigmoid(FloatVector z) {
        return VectorControllerRows.tanh(z.mul(HALF)).fma(HALF, HALF);
    }

    /** LSTM forward of one sample: gates over p at pb (i, f, g, o blocks of N), c_{t-1} at cPrev (-1: zero). */
    static int lstmForward(Buf P, int pb, Buf C, Buf TC, Buf H, int hb, int cPrev, int N) {
        final ByteBuffer p = Lanes.bytes(P), c = Lanes.bytes(C), tc = Lanes.bytes(TC), h = Lanes.bytes(H);
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector i = sigmoid(Lanes.load(p, pb + j)), f = sigmoid(Lanes.load(p, pb + N + j));
            FloatVector g = VectorControllerRows.tanh(Lanes.load(p, pb + 2 * N + j)), o = sigmoid(Lanes.load(p, pb + 3 * N + j));
            FloatVector ct = cPrev < 0 ? i.mul(g) : f.fma(Lanes.load(c, cPrev + j), i.mul(g));
            FloatVector tct = VectorControllerRows.tanh(ct);
            Lanes.store(i, p, pb + j); Lanes.store(f, p, pb + N + j); Lanes.store(g, p, pb + 2 * N + j); Lanes.store(o, p, pb + 3 * N + j);
            Lanes.store(ct, c, hb + j);
            Lanes.store(tct, tc, hb + j);
            Lanes.store(o.mul(tct), h, hb + j);
        }
        return end;
    }

    /** LSTM backward of one sample (see {@link FusedLstmCell#backward}); dc at db is read and replaced by the carry. */
    static int lstmBackward(Buf P, int pb, Buf C, Buf TC, int hb, int cPrev, Buf dH, Buf dC, int db, int N) {
        final ByteBuffer p = Lanes.bytes(P), c = Lanes.bytes(C), tc = Lanes.bytes(TC), dh = Lanes.bytes(dH), dc = Lanes.bytes(dC);
        final boolean fl = FastMath.flushDenormals;
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector i = Lanes.load(p, pb + j), f = Lanes.load(p, pb + N + j), g = Lanes.load(p, pb + 2 * N + j), o = Lanes.load(p, pb + 3 * N + j);
            FloatVector tct = Lanes.load(tc, hb + j), d = Lanes.load(dh, db + j);
            FloatVector cp = cPrev < 0 ? ZERO : Lanes.load(c, cPrev + j);
            FloatVector dct = d.mul(o).fma(ONE.sub(tct).mul(ONE.add(tct)), Lanes.load(dc, db + j));
            Lanes.store(Lanes.flush(dct.mul(f), fl), dc, db + j);
            Lanes.store(Lanes.flush(dct.mul(g).mul(i.mul(ONE.sub(i))), fl), p, pb + j);
            Lanes.store(Lanes.flush(dct.mul(cp).mul(f.mul(ONE.sub(f))), fl), p, pb + N + j);
            Lanes.store(Lanes.flush(dct.mul(i).mul(ONE.sub(g).mul(ONE.add(g))), fl), p, pb + 2 * N + j);
            Lanes.store(Lanes.flush(d.mul(tct).mul(o.mul(ONE.sub(o))), fl), p, pb + 3 * N + j);
        }
        return end;
    }

    /**
     * GRU forward of one sample: r, z, c over p at pb (blocks of N) and the recurrent part q at
     * qb of R, with b_hh in float; h_{t-1} at hPrev (-1: zero). See {@link FusedGruCell#forward}.
     */
    static int gruForward(Buf P, int pb, Buf R, int qb, float[] bhh, Buf QC, Buf H, int hb, int hPrev, int N) {
        final ByteBuffer p = Lanes.bytes(P), q = Lanes.bytes(R), qc = Lanes.bytes(QC), h = Lanes.bytes(H);
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector r = sigmoid(Lanes.load(p, pb + j).add(Lanes.load(q, qb + j)).add(FloatVector.fromArray(Lanes.S, bhh, j)));
            FloatVector z = sigmoid(Lanes.load(p, pb + N + j).add(Lanes.load(q, qb + N + j)).add(FloatVector.fromArray(Lanes.S, bhh, N + j)));
            FloatVector qv = Lanes.load(q, qb + 2 * N + j).add(FloatVector.fromArray(Lanes.S, bhh, 2 * N + j));
            FloatVector c = VectorControllerRows.tanh(r.fma(qv, Lanes.load(p, pb + 2 * N + j)));
            FloatVector hp = hPrev < 0 ? ZERO : Lanes.load(h, hPrev + j);
            Lanes.store(r, p, pb + j); Lanes.store(z, p, pb + N + j); Lanes.store(c, p, pb + 2 * N + j);
            Lanes.store(qv, qc, hb + j);
            Lanes.store(ONE.sub(z).mul(c).add(z.mul(hp)), h, hb + j);
        }
        return end;
    }

    /**
     * GRU backward of one sample (see {@link FusedGruCell#backward}); the gradients of b_hh
     * for units below the returned index are added into db (3 N floats, per step).
     */
    static int gruBackward(Buf P, int pb, Buf QC, Buf H, int hb, int hPrev, Buf dH, Buf dHprev, Buf dR, int qb, int db, float[] dbhh, int N) {
        final ByteBuffer p = Lanes.bytes(P), qc = Lanes.bytes(QC), h = Lanes.bytes(H), dh = Lanes.bytes(dH), dhp = Lanes.bytes(dHprev), dr = Lanes.bytes(dR);
        final boolean fl = FastMath.flushDenormals;
        final int end = N / L * L;
        for (int j = 0; j < end; j += L) {
            FloatVector r = Lanes.load(p, pb + j), z = Lanes.load(p, pb + N + j), c = Lanes.load(p, pb + 2 * N + j);
            FloatVector d = Lanes.load(dh, db + j), hp = hPrev < 0 ? ZERO : Lanes.load(h, hPrev + j);
            FloatVector dpc = Lanes.flush(d.mul(ONE.sub(z)).mul(ONE.sub(c).mul(ONE.add(c))), fl);
            FloatVector dpr = Lanes.flush(dpc.mul(Lanes.load(qc, hb + j)).mul(r.mul(ONE.sub(r))), fl);
            FloatVector dpz = Lanes.flush(d.mul(hp.sub(c)).mul(z.mul(ONE.sub(z))), fl);
            FloatVector dqc = Lanes.flush(dpc.mul(r), fl);
            Lanes.store(dpr, p, pb + j); Lanes.store(dpz, p, pb + N + j); Lanes.store(dpc, p, pb + 2 * N + j);
            Lanes.store(dpr, dr, qb + j); Lanes.store(dpz, dr, qb + N + j); Lanes.store(dqc, dr, qb + 2 * N + j);
            FloatVector.fromArray(Lanes.S, dbhh, j).add(dpr).intoArray(dbhh, j);
            FloatVector.fromArray(Lanes.S, dbhh, N + j).add(dpz).intoArray(dbhh, N + j);
            FloatVector.fromArray(Lanes.S, dbhh, 2 * N + j).add(dqc).intoArray(dbhh, 2 * N + j);
            Lanes.store(Lanes.flush(d.mul(z), fl), dhp, db + j);
        }
        return end;
    }
}
