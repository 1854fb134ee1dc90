package org.neuradapt.network.fast;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A native (off-heap) array of doubles: a direct {@link DoubleBuffer} for element-wise Java
 * loops and a {@link DoublePointer} on the same memory for OpenBLAS. Native memory is used
 * because JavaCPP passes Java arrays to native code by copying the whole array in and out,
 * and has no offset argument for them; a pointer with a position is free.
 */
final class Buf {
    final DoubleBuffer b;
    final DoublePointer p;
    final int length;

    Buf(int length) {
        if (length < 0 || length > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("buffer of " + length + " doubles is too large for one direct buffer");
        }
        this.length = length;
        this.b = ByteBuffer.allocateDirect(Math.max(8, length * 8)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        this.p = new DoublePointer(b);
    }

    static Buf of(double[] values) {
        Buf r = new Buf(values.length);
        r.b.put(0, values);
        return r;
    }

    double get(int i) { return b.get(i); }

    void set(int i, double v) { b.put(i, v); }

    void add(int i, double v) { b.put(i, b.get(i) + v); }

    void zero() { zero(0, length); }

    void zero(int from, int len) {
        for (int i = from, e = from + len; i < e; i++) b.put(i, 0.0);
    }

    void copyFrom(double[] src) { b.put(0, src); }

    void copyFrom(double[] src, int srcOff, int off, int len) { b.put(off, src, srcOff, len); }

    double[] toArray() { return toArray(0, length); }

    double[] toArray(int off, int len) {
        double[] r = new double[len];
        b.get(off, r);
        return r;
    }

    /** Pointer positioned at element {@code off} (for one BLAS call; not thread-safe). */
    DoublePointer at(int off) { return p.position(off); }
}
