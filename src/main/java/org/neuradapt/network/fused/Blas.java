package org.neuradapt.network.fused;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/** Row-major GEMM through OpenBLAS (dgemm or sgemm by the buffers' precision) with element offsets. */
final class Blas {
    private static volatile int threads = -1;

    private Blas() {}

    /** Sets the number of OpenBLAS threads (process-wide; the JavaCPP presets expose openblas_set_num_threads as blas_set_num_threads). */
    static void threads(int n) {
        if (threads != n) set(n);   // every kernel call asks for its count: unchanged, it costs one volatile read
    }

    private static synchronized void set(int n) {
        if (threads != n) {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(n);
            threads = n;
        }
    }

    private static Pointer ptr(Buf x, int off, Buf o1, Buf o2) {
        return x == o1 || x == o2 ? x.view(off) : x.at(off);
    }

    /**
     * C[m,n] = alpha op(A)[m,k] op(B)[k,n] + beta C, all row-major with leading dimensions
     * lda, ldb, ldc (elements) and offsets into the buffers, which share one precision.
     */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha,
                     Buf a, int aOff, int lda, Buf b, int bOff, int ldb,
                     double beta, Buf c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                int o = cOff + i * ldc + j;
                c.set(o, beta == 0 ? 0.0 : beta * c.get(o));
            }
            return;
        }
        assert (long) aOff + (long) ((ta ? k : m) - 1) * lda + (ta ? m : k) <= a.length : "A out of bounds";
        assert (long) bOff + (long) ((tb ? n : k) - 1) * ldb + (tb ? k : n) <= b.length : "B out of bounds";
        assert (long) cOff + (long) (m - 1) * ldc + n <= c.length : "C out of bounds";
        int tA = ta ? openblas.CblasTrans : openblas.CblasNoTrans, tB = tb ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (c instanceof Buf.F) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, tA, tB, m, n, k, (float) alpha,
                    (FloatPointer) ptr(a, aOff, null, null), lda, (FloatPointer) ptr(b, bOff, a, null), ldb,
                    (float) beta, (FloatPointer) ptr(c, cOff, a, b), ldc);
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, tA, tB, m, n, k, alpha,
                    (DoublePointer) ptr(a, aOff, null, null), lda, (DoublePointer) ptr(b, bOff, a, null), ldb,
                    beta, (DoublePointer) ptr(c, cOff, a, b), ldc);
        }
    }
}
