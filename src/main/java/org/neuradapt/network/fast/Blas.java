package org.neuradapt.network.fast;

import org.bytedeco.openblas.global.openblas;

/** Row-major double GEMM through OpenBLAS on {@link Buf} memory with element offsets. */
final class Blas {
    private static volatile int threads = -1;

    private Blas() {}

    /** Sets the number of OpenBLAS threads (process-wide; the JavaCPP presets expose openblas_set_num_threads as blas_set_num_threads). */
    static synchronized void threads(int n) {
        if (threads != n) {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(n);
            threads = n;
        }
    }

    /** The buffer's pointer at off, or a fresh view when the buffer is also another operand. */
    private static org.bytedeco.javacpp.DoublePointer ptr(Buf x, int off, Buf o1, Buf o2) {
        if (x == o1 || x == o2) return new org.bytedeco.javacpp.DoublePointer(x.p).position(off);
        return x.at(off);
    }

    /**
     * C[m,n] = alpha op(A)[m,k] op(B)[k,n] + beta C, all row-major with leading dimensions
     * lda, ldb, ldc (elements) and offsets into the buffers.
     */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha,
                     Buf a, int aOff, int lda, Buf b, int bOff, int ldb,
                     double beta, Buf c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (beta == 0) { for (int i = 0; i < m; i++) c.zero(cOff + i * ldc, n); }
            else if (beta != 1) { for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c.set(cOff + i * ldc + j, beta * c.get(cOff + i * ldc + j)); }
            return;
        }
        openblas.cblas_dgemm(openblas.CblasRowMajor,
                ta ? openblas.CblasTrans : openblas.CblasNoTrans,
                tb ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, alpha, ptr(a, aOff, null, null), lda, ptr(b, bOff, a, null), ldb,
                beta, ptr(c, cOff, a, b), ldc);
    }
}
