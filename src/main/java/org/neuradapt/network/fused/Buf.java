package org.neuradapt.network.fused;

import java.lang.reflect.Field;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import sun.misc.Unsafe;

/**
 * A native (off-heap) array of doubles or floats, read and written as doubles by the kernels'
 * element-wise loops and handed to OpenBLAS (dgemm or sgemm) with element offsets. Native
 * memory because JavaCPP passes Java arrays to native code by copying the whole array in
 * and out (measured: 0.2 s per call for 80 MB) and has no offset argument for them.
 * Element access goes through Unsafe (no bounds checks; they are asserts, on in tests).
 */
abstract class Buf {
    static final Unsafe U;

    static {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            U = (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int length;
    final long address;

    private Buf(int length, long address) {
        this.length = length;
        this.address = address;
    }

    /** Storage precision of the kernels' buffers: arithmetic is double either way. */
    enum Precision {
        DOUBLE, FLOAT;

        Buf alloc(int n) { return this == DOUBLE ? new D(n) : new F(n); }
    }

    abstract double get(int i);

    abstract void set(int i, double v);

    abstract int elementBytes();

    /**
     * set for a BPTT gradient: in float, a denormal result is stored as 0 while
     * {@link FastMath#flushDenormals} (why: see there); in double, the same as set.
     */
    abstract void setGrad(int i, double v);

    /** Pointer at element off for one BLAS call (shared, not thread-safe). */
    abstract Pointer at(int off);

    /** A fresh pointer at element off (when the same buffer is two operands of one call). */
    abstract Pointer view(int off);

    final void add(int i, double v) { set(i, get(i) + v); }

    final void zero() { zero(0, length); }

    final void zero(int from, int len) {
        assert from >= 0 && len >= 0 && from + len <= length;
        U.setMemory(address + (long) from * elementBytes(), (long) len * elementBytes(), (byte) 0);
    }

    final void copyFrom(double[] src) { copyFrom(src, 0, 0, src.length); }

    final void copyFrom(double[] src, int srcOff, int off, int len) {
        for (int i = 0; i < len; i++) set(off + i, src[srcOff + i]);
    }

    /** This[off, off + len) = src[srcOff, srcOff + len), both of one precision, not overlapping. */
    final void copyFrom(Buf src, int srcOff, int off, int len) {
        assert src.elementBytes() == elementBytes() && srcOff >= 0 && off >= 0 && srcOff + len <= src.length && off + len <= length;
        U.copyMemory(src.address + (long) srcOff * elementBytes(), address + (long) off * elementBytes(), (long) len * elementBytes());
    }

    final void copyTo(int off, double[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) dst[dstOff + i] = get(off + i);
    }

    final double[] toArray() {
        double[] r = new double[length];
        copyTo(0, r, 0, length);
        return r;
    }

    static final class D extends Buf {
        final DoublePointer p;

        D(int n) { this(new DoublePointer(Math.max(1L, n)), n); }

        private D(DoublePointer p, int n) {
            super(n, p.address());
            this.p = p;
            p.zero();
        }

        @Override double get(int i) { assert i >= 0 && i < length : i; return U.getDouble(address + ((long) i << 3)); }

        @Override void set(int i, double v) { assert i >= 0 && i < length : i; U.putDouble(address + ((long) i << 3), v); }

        @Override void setGrad(int i, double v) { set(i, v); }

        @Override int elementBytes() { return 8; }

        @Override DoublePointer at(int off) { return p.position(off); }

        @Override DoublePointer view(int off) { return new DoublePointer(p).position(off); }
    }

    static final class F extends Buf {
        final FloatPointer p;
        private java.nio.ByteBuffer bytes;

        private java.nio.FloatBuffer floats;

        /** dst[0, n) = this[off, off + n) (absolute bulk read; thread-safe). */
        void get(int off, float[] dst, int n) { floats().get(off, dst, 0, n); }

        /** this[off, off + n) = src[0, n). */
        void put(int off, float[] src, int n) { floats().put(off, src, 0, n); }

        private java.nio.FloatBuffer floats() {
            java.nio.FloatBuffer f = floats;
            if (f == null) floats = f = bytes().asFloatBuffer();
            return f;
        }

        /** The whole buffer as a direct native-order ByteBuffer (for SIMD loads and stores); lazily made. */
        java.nio.ByteBuffer bytes() {
            java.nio.ByteBuffer b = bytes;
            if (b == null) {
                FloatPointer whole = new FloatPointer(p);
                whole.position(0).limit(Math.max(1L, length));
                b = whole.asByteBuffer().order(java.nio.ByteOrder.nativeOrder());
                assert b.capacity() == 4L * Math.max(1, length) : b.capacity();
                bytes = b;
            }
            return b;
        }

        F(int n) { this(new FloatPointer(Math.max(1L, n)), n); }

        private F(FloatPointer p, int n) {
            super(n, p.address());
            this.p = p;
            p.zero();
        }

        @Override double get(int i) { assert i >= 0 && i < length : i; return U.getFloat(address + ((long) i << 2)); }

        @Override void set(int i, double v) { assert i >= 0 && i < length : i; U.putFloat(address + ((long) i << 2), (float) v); }

        @Override void setGrad(int i, double v) {
            assert i >= 0 && i < length : i;
            float f = (float) v;
            U.putFloat(address + ((long) i << 2), FastMath.flushDenormals ? FastMath.flushDenormal(f) : f);
        }

        @Override int elementBytes() { return 4; }

        @Override FloatPointer at(int off) { return p.position(off); }

        @Override FloatPointer view(int off) { return new FloatPointer(p).position(off); }
    }
}
