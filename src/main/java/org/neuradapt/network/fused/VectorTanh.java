package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;

/**
 * The Elman cell's built-in tanh on SIMD lanes in float ({@link VectorControllerRows#tanh},
 * the controller's Cody-Waite tanh): forward h = tanh(a), backward dL/da = dh (1 - h)(1 + h).
 * Why: the generic activation interface of the fused Elman cell (docs/science.md section 2.7)
 * calls the scalar double tanh through an interface per value; measured about 15% slower for
 * rnn_tanh than the cell it replaced, while gamma's forward and backward run on lanes
 * ({@link VectorGamma}).
 */
final class VectorTanh {
    private static final FloatVector ONE = Lanes.ONE;
    private static final int L = Lanes.L;

    private VectorTanh() {}

    /** H[off + r] = tanh(A[off + r]) for r in [0, R / L * L); returns where the scalar loop takes over. */
    static int forward(Buf A, Buf H, int off, int R) {
        final ByteBuffer ab = Lanes.bytes(A), hb = Lanes.bytes(H);
        final int end = R / L * L;
        for (int r = 0; r < end; r += L) Lanes.store(VectorControllerRows.tanh(Lanes.load(ab, off + r)), hb, off + r);
        return end;
    }

    /** A[off + r] = dH[dOff + r] (1 - h)(1 + h), h = H[off + r], for r in [0, R / L * L). */
    static int backward(Buf A, Buf H, int off, Buf dH, int dOff, int R) {
        final ByteBuffer ab = Lanes.bytes(A), hb = Lanes.bytes(H), db = Lanes.bytes(dH);
        final boolean flush = FastMath.flushDenormals;
        final int end = R / L * L;
        for (int r = 0; r < end; r += L) {
            FloatVector h = Lanes.load(hb, off + r);
            Lanes.store(Lanes.flush(Lanes.load(db, dOff + r).mul(ONE.sub(h).mul(ONE.add(h))), flush), ab, off + r);
        }
        return end;
    }
}
