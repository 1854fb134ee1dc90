package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Elman cell's built-in tanh on SIMD lanes in float ({@link VectorControllerRows#tanh},
 * the controller's Cody-Waite tanh): forward h = tanh(a), backward dL/da = dh (1 - h)(1 + h).
 * Why: the generic activation interface of the fused Elman cell (docs/science.md section 2.7)
 * calls the scalar double tanh through an interface per value; measured about 15% slower for
 * rnn_tanh than the cell it replaced, while gamma's forward and backward run on lanes
 * ({@link VectorGamma}).
 */
final class VectorTanh {
    private static final VectorSpecies<Float> S = VectorControllerRows.S;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f), ZERO = FloatVector.zero(S);

    private VectorTanh() {}

    private static ByteBuffer bytes(Buf b) { return ((Buf.F) b).bytes(); }

    /** H[off + r] = tanh(A[off + r]) for r in [0, R / L * L); returns where the scalar loop takes over. */
    static int forward(Buf A, Buf H, int off, int R) {
        final ByteBuffer ab = bytes(A), hb = bytes(H);
        final int end = R / L * L;
        for (int r = 0; r < end; r += L) {
            int at = (off + r) << 2;
            VectorControllerRows.tanh(FloatVector.fromByteBuffer(S, ab, at, ORDER)).intoByteBuffer(hb, at, ORDER);
        }
        return end;
    }

    /** A[off + r] = dH[dOff + r] (1 - h)(1 + h), h = H[off + r], for r in [0, R / L * L). */
    static int backward(Buf A, Buf H, int off, Buf dH, int dOff, int R) {
        final ByteBuffer ab = bytes(A), hb = bytes(H), db = bytes(dH);
        final boolean flush = FastMath.flushDenormals;
        final int end = R / L * L;
        for (int r = 0; r < end; r += L) {
            int at = (off + r) << 2;
            FloatVector h = FloatVector.fromByteBuffer(S, hb, at, ORDER);
            FloatVector da = FloatVector.fromByteBuffer(S, db, (dOff + r) << 2, ORDER).mul(ONE.sub(h).mul(ONE.add(h)));
            if (flush) da = da.blend(ZERO, da.abs().lt(Float.MIN_NORMAL));
            da.intoByteBuffer(ab, at, ORDER);
        }
        return end;
    }
}
