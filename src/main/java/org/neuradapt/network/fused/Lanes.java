package org.neuradapt.network.fused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small pieces every SIMD loop of the fused kernels shares ({@link VectorControllerRows},
 * {@link VectorGates}, {@link VectorGamma}, {@link VectorTanh}): the float species, loads and
 * stores of a float {@link Buf} by element index, and the per-lane denormal flush. Kept tiny
 * and static so that C2 inlines them (a vector passed to a call that is not inlined is boxed).
 */
final class Lanes {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final FloatVector ONE = FloatVector.broadcast(S, 1f), ZERO = FloatVector.zero(S);
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Lanes() {}

    /** The float buffer's bytes (SIMD loads and stores). */
    static ByteBuffer bytes(Buf b) { return ((Buf.F) b).bytes(); }

    /** L floats from element index on. */
    static FloatVector load(ByteBuffer b, int index) { return FloatVector.fromByteBuffer(S, b, index << 2, ORDER); }

    /** v into L floats from element index on. */
    static void store(FloatVector v, ByteBuffer b, int index) { v.intoByteBuffer(b, index << 2, ORDER); }

    /** {@link FastMath#flushDenormal} on every lane when on (docs/performance.md, "Denormal floats"). */
    static FloatVector flush(FloatVector v, boolean on) { return on ? v.blend(ZERO, v.abs().lt(Float.MIN_NORMAL)) : v; }
}
